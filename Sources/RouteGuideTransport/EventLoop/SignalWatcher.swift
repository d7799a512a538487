import CLinux
import Glibc

/// Turns signals (SIGINT, SIGTERM) into event-loop callbacks, without a signal handler.
///
/// The signals are blocked on the calling thread (and so on every thread it starts later, which
/// inherit the mask: make the watcher before them) and read from a signalfd that
/// the loop polls like any other descriptor: a handler would need global state to reach the
/// loop, and polling with `sigtimedwait` on a timer would wake an idle process for nothing.
public final class SignalWatcher {
  private let loop: EventLoop
  private var fd: Int32 = -1
  private var watch: EventLoop.Token?

  /// Blocks `signals` now (so none is lost or kills the process) and reports each one to
  /// `handler` on the loop. If signalfd is unavailable the signals keep their default action.
  public init(loop: EventLoop, signals numbers: [Int32], handler: @escaping (Int32) -> Void) {
    self.loop = loop
    var mask = sigset_t()
    sigemptyset(&mask)
    for number in numbers { sigaddset(&mask, number) }
    var previous = sigset_t()
    guard pthread_sigmask(SIG_BLOCK, &mask, &previous) == 0 else { return }
    fd = signalfd(-1, &mask, Int32(SFD_NONBLOCK | SFD_CLOEXEC))
    guard fd >= 0 else {
      pthread_sigmask(SIG_SETMASK, &previous, nil)
      return
    }
    watch = loop.watch(fd, for: .readable) { [weak self] _ in
      self?.drain(handler)
    }
  }

  deinit { cancel() }

  /// Stops watching; the signals stay blocked, so a late one is ignored rather than fatal.
  public func cancel() {
    if let watch { loop.unwatch(watch) }
    watch = nil
    if fd >= 0 { close(fd) }
    fd = -1
  }

  private func drain(_ handler: (Int32) -> Void) {
    var info = signalfd_siginfo()
    let size = MemoryLayout<signalfd_siginfo>.size
    while fd >= 0, read(fd, &info, size) == size {
      handler(Int32(info.ssi_signo))
    }
  }
}
