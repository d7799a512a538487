import Glibc
import Testing

@testable import RouteGuideTransport

/// Messages from other threads reach a loop, in order, and wake it from poll().
@Suite(.timeLimit(.minutes(5))) struct LoopMailboxTests {
  @Test func postsFromOtherThreadsAllArriveInEachThreadsOrder() throws {
    let loop = EventLoop()
    let mailbox = try LoopMailbox<(thread: Int, sequence: Int)>()
    var received: [[Int]] = Array(repeating: [], count: 4)
    mailbox.attach(to: loop) { received[$0.thread].append($0.sequence) }
    let threads = try (0..<4).map { thread in
      try LoopThread {
        for sequence in 0..<10_000 { mailbox.post((thread, sequence)) }
      }
    }
    try LoopDriver.run(loop, seconds: 60) { received.allSatisfy { $0.count == 10_000 } }
    for thread in threads { thread.join() }
    #expect(received.allSatisfy { $0 == Array(0..<10_000) })
  }

  @Test func aPostWakesALoopBlockedInPoll() throws {
    let loop = EventLoop()
    let mailbox = try LoopMailbox<Int>()
    var got: Int?
    mailbox.attach(to: loop) { got = $0 }
    let sender = try LoopThread {
      usleep(100_000)
      mailbox.post(7)
    }
    // One round with no timeout: returns only because the post woke it.
    let start = EventLoop.now()
    try loop.runOnce(maxWait: 10_000)
    #expect(got == 7)
    #expect(EventLoop.now() - start < 5_000_000_000)
    sender.join()
  }

  @Test func takingLeavesNothingToWakeFor() throws {
    let mailbox = try LoopMailbox<Int>()
    mailbox.post(1)
    mailbox.post(2)
    #expect(mailbox.take() == [1, 2])
    #expect(mailbox.take() == [])
    var pending = pollfd(fd: mailbox.fd, events: Int16(POLLIN), revents: 0)
    #expect(poll(&pending, 1, 0) == 0)
  }
}
