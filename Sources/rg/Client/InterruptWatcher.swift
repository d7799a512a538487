import Glibc
import RouteGuideTransport

/// Turns SIGINT into an event on the loop (signalfd), so an interrupt can cancel open streams
/// with RST_STREAM(CANCEL) from ordinary code instead of from a signal handler, and without
/// any global state for a handler to reach.
final class InterruptWatcher {
  /// signalfd(2). Swift's Glibc module leaves out <sys/signalfd.h>, so it is looked up once.
  private typealias SignalFD = @convention(c) (Int32, UnsafePointer<sigset_t>, Int32) -> Int32
  /// sizeof(struct signalfd_siginfo), fixed by the kernel ABI.
  private static let recordSize = 128

  private let loop: EventLoop
  private var fd: Int32 = -1
  private var watch: EventLoop.Token?
  private var previousMask = sigset_t()
  private var blocked = false

  /// Blocks SIGINT and watches for it; without signalfd, SIGINT keeps its default (exit).
  init(loop: EventLoop, onInterrupt: @escaping () -> Void) {
    self.loop = loop
    guard let signalFD = Self.lookUpSignalFD() else { return }
    var mask = sigset_t()
    sigemptyset(&mask)
    sigaddset(&mask, SIGINT)
    guard sigprocmask(SIG_BLOCK, &mask, &previousMask) == 0 else { return }
    blocked = true
    // SFD_NONBLOCK and SFD_CLOEXEC equal O_NONBLOCK and O_CLOEXEC.
    fd = signalFD(-1, &mask, O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else {
      close()
      return
    }
    watch = loop.watch(fd, for: .readable) { [weak self] _ in
      guard let self, self.drain() else { return }
      onInterrupt()
    }
  }

  deinit { close() }

  /// Stops watching and gives SIGINT back its default action.
  func close() {
    if let watch { loop.unwatch(watch) }
    watch = nil
    if fd >= 0 { _ = Glibc.close(fd) }
    fd = -1
    if blocked { sigprocmask(SIG_SETMASK, &previousMask, nil) }
    blocked = false
  }

  /// Reads the pending signal records; true if there was one.
  private func drain() -> Bool {
    var record = [UInt8](repeating: 0, count: Self.recordSize)
    let count = record.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
    return count == Self.recordSize
  }

  private static func lookUpSignalFD() -> SignalFD? {
    guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "signalfd") else {
      return nil
    }
    return unsafeBitCast(symbol, to: SignalFD.self)
  }
}
