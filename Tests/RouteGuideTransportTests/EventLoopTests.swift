import Glibc
import Testing

@testable import RouteGuideTransport

/// The poll loop: watches, interest changes, timers, before-blocking hooks, stop.
@Suite struct EventLoopTests {
  private func makePipe() -> (read: Int32, write: Int32) {
    var fds: [Int32] = [0, 0]
    _ = pipe(&fds)
    return (fds[0], fds[1])
  }

  @Test func readableWatchFiresAndCanRemoveItself() throws {
    let loop = EventLoop()
    let (r, w) = makePipe()
    defer {
      close(r)
      close(w)
    }
    var fired = 0
    var token: EventLoop.Token?
    token = loop.watch(r, for: .readable) { events in
      #expect(events.contains(.readable))
      fired += 1
      if let token { loop.unwatch(token) }
    }
    _ = write(w, "x", 1)
    try loop.run()
    #expect(fired == 1)
  }

  @Test func emptyInterestPausesAWatch() throws {
    let loop = EventLoop()
    let (r, w) = makePipe()
    defer {
      close(r)
      close(w)
    }
    var fired = 0
    let token = loop.watch(r, for: .readable) { _ in fired += 1 }
    loop.setInterest(token, [])
    #expect(loop.interest(of: token).isEmpty)
    _ = write(w, "x", 1)
    loop.schedule(after: 20_000_000) { loop.stop() }
    try loop.run()
    #expect(fired == 0)
  }

  @Test func timersFireInDeadlineOrderAndCancelledOnesDoNot() throws {
    let loop = EventLoop()
    var order: [Int] = []
    loop.schedule(after: 30_000_000) { order.append(3) }
    loop.schedule(after: 10_000_000) { order.append(1) }
    let cancelled = loop.schedule(after: 20_000_000) { order.append(2) }
    loop.cancelTimer(cancelled)
    let start = EventLoop.now()
    try loop.run()
    #expect(order == [1, 3])
    #expect(EventLoop.now() - start >= 30_000_000)
  }

  @Test func beforeBlockingRunsOnlyWhenTheLoopWouldWait() throws {
    let loop = EventLoop()
    var hooks = 0
    var timers = 0
    let hook = loop.beforeBlocking { hooks += 1 }
    loop.schedule(after: 5_000_000) {
      timers += 1
      loop.removeBeforeBlocking(hook)
    }
    try loop.run()
    #expect(timers == 1)
    #expect(hooks >= 1)
  }

  @Test func hangupIsReportedToAReadableWatch() throws {
    let loop = EventLoop()
    let (r, w) = makePipe()
    defer { close(r) }
    close(w)
    var seen: EventLoop.Events = []
    var token: EventLoop.Token?
    token = loop.watch(r, for: .readable) { events in
      seen = events
      if let token { loop.unwatch(token) }
    }
    try loop.run()
    #expect(!seen.intersection([.readable, .hangup]).isEmpty)
  }

  @Test func stopEndsRunWithWatchesLeft() throws {
    let loop = EventLoop()
    let (r, w) = makePipe()
    defer {
      close(r)
      close(w)
    }
    loop.watch(r, for: .readable) { _ in }
    loop.schedule(after: 1_000_000) { loop.stop() }
    try loop.run()
  }
}
