import RouteGuideProtocol
import RouteGuideTransport
import Testing

@testable import RouteGuideServer

@Suite struct RouteChatBoardTests {
  func note(_ latitude: Int32, _ message: String) -> RouteNote {
    RouteNote(location: Point(latitude: latitude), message: message)
  }

  @Test func answersEarlierNotesAtTheSameLocationInOrder() {
    let board = RouteChatBoard()
    #expect(board.post(note(1, "a")).isEmpty)
    #expect(board.post(note(2, "b")).isEmpty)
    #expect(Array(board.post(note(1, "c"))) == [note(1, "a")])
    #expect(Array(board.post(note(1, "d"))) == [note(1, "a"), note(1, "c")])
    #expect(Array(board.post(note(2, "e"))) == [note(2, "b")])
  }

  @Test func unsetLocationMeetsTheOrigin() {
    let board = RouteChatBoard()
    _ = board.post(RouteNote(message: "unset"))
    #expect(Array(board.post(note(0, "origin"))) == [RouteNote(message: "unset")])
  }

  @Test func stopsKeepingNotesAtCapacity() {
    let board = RouteChatBoard(capacity: 2)
    _ = board.post(note(1, "a"))
    _ = board.post(note(1, "b"))
    #expect(board.post(note(1, "c")).count == 2)
    #expect(board.post(note(1, "d")).count == 2)
    #expect(board.count == 2)
  }

  @Test func stopsKeepingNotesAtItsByteCapacity() {
    let board = RouteChatBoard(byteCapacity: 3 * (1_000 + 32))
    let long = String(repeating: "m", count: 1_000)
    for _ in 0..<5 { _ = board.post(note(1, long)) }
    #expect(board.count == 3)
    // Past the bytes, a note is still answered, with what was kept.
    #expect(board.post(note(1, "short")).count == 3)
  }

  /// Four threads post to one shared board at once (as the loops of `rg serve --threads
  /// --shared-chat` do): each note is answered with exactly the notes before it at its
  /// location, so the answers add up to n(n-1)/2 per location whatever the interleaving.
  @Test func aSharedBoardTakesPostsFromSeveralThreads() throws {
    let board = RouteChatBoard(shared: true)
    let answers = Answers()
    let threads = try (0..<4).map { thread in
      try LoopThread {
        var total = 0
        for index in 0..<5_000 {
          let earlier = board.post(
            RouteNote(location: Point(latitude: Int32(index % 10)), message: "\(thread)"))
          total += earlier.count
        }
        answers.add(total)
      }
    }
    for thread in threads { thread.join() }
    // 20,000 notes, 2,000 per location.
    #expect(answers.total == 10 * 2_000 * 1_999 / 2)
    #expect(board.count == 20_000)
  }

  final class Answers: @unchecked Sendable {
    private let lock = Lock()
    private var sum = 0
    func add(_ count: Int) { lock.withLock { sum += count } }
    var total: Int { lock.withLock { sum } }
  }
}
