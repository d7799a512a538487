import Glibc

/// Turns SIGTERM and SIGINT into event-loop callbacks, without a signal handler.
///
/// The signals are blocked (on the calling thread: rg serve has only one) and collected with
/// `sigtimedwait` from a short timer on the loop. A handler would need global state to reach
/// the loop; `signalfd` would be the event-driven form, but Glibc's Swift module lacks it.
public final class SignalWatcher {
  /// How often pending signals are checked: a shutdown starts at most this late.
  static let checkInterval: UInt64 = 50_000_000
  private let loop: EventLoop
  private var signals = sigset_t()
  private var timer: EventLoop.Token?
  private let handler: (Int32) -> Void

  /// Blocks `signals` now (so none is lost or kills the process) and reports each one
  /// to `handler` on the loop.
  public init(loop: EventLoop, signals numbers: [Int32], handler: @escaping (Int32) -> Void) {
    self.loop = loop
    self.handler = handler
    sigemptyset(&signals)
    for number in numbers { sigaddset(&signals, number) }
    pthread_sigmask(SIG_BLOCK, &signals, nil)
    scheduleCheck()
  }

  /// Stops watching; the signals stay blocked, so a late one is ignored rather than fatal.
  public func cancel() {
    if let timer { loop.cancelTimer(timer) }
    timer = nil
  }

  private func scheduleCheck() {
    timer = loop.schedule(after: Self.checkInterval) { [weak self] in
      guard let self, self.timer != nil else { return }
      self.drainPending()
      if self.timer != nil { self.scheduleCheck() }
    }
  }

  private func drainPending() {
    var info = siginfo_t()
    var noWait = timespec()
    while true {
      let number = sigtimedwait(&signals, &info, &noWait)
      guard number > 0 else { return }  // EAGAIN: none pending
      handler(number)
    }
  }
}
