import Foundation
import Glibc
import Testing

@testable import RouteGuideTransport

/// SignalWatcher, with SIGUSR2 so that the test process itself is never at risk.
@Suite(.serialized, .timeLimit(.minutes(5))) struct SignalWatcherTests {
  @Test func reportsABlockedSignalOnTheLoop() throws {
    let loop = EventLoop()
    var received: [Int32] = []
    let watcher = SignalWatcher(loop: loop, signals: [SIGUSR2]) { received.append($0) }
    defer { watcher.cancel() }
    // Blocked now, so this stays pending for the thread instead of killing the process.
    raise(SIGUSR2)
    #expect(received.isEmpty)  // only the loop reports it
    try LoopDriver.run(loop, seconds: 2) { !received.isEmpty }
    #expect(received == [SIGUSR2])
  }

  @Test func cancelledWatcherStopsChecking() throws {
    let loop = EventLoop()
    var count = 0
    let watcher = SignalWatcher(loop: loop, signals: [SIGUSR2]) { _ in count += 1 }
    watcher.cancel()
    raise(SIGUSR2)
    try runLoop(loop, for: 0.2)
    #expect(count == 0)
    // Drain it so no other test sees a pending SIGUSR2.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGUSR2)
    var info = siginfo_t()
    var noWait = timespec()
    #expect(sigtimedwait(&set, &info, &noWait) == SIGUSR2)
  }

  /// The signal wakes a loop that is blocked in poll() with nothing else to wait for: it is an
  /// event, not something found by a timer.
  @Test func wakesALoopBlockedInPoll() throws {
    let loop = EventLoop()
    var received: [Int32] = []
    let watcher = SignalWatcher(loop: loop, signals: [SIGUSR2]) {
      received.append($0)
      loop.stop()
    }
    defer { watcher.cancel() }
    // Thread-directed, so only this (blocking) thread can receive it.
    let target = pthread_self()
    let sender = Thread {
      usleep(50_000)
      pthread_kill(target, SIGUSR2)
    }
    sender.start()
    let start = EventLoop.now()
    try loop.run()
    #expect(received == [SIGUSR2])
    #expect(EventLoop.now() - start < 5_000_000_000)
  }
}
