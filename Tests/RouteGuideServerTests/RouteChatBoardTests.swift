import RouteGuideProtocol
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
}
