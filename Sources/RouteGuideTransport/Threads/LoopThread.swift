import Glibc

/// A thread that runs one closure (an event loop) and can be waited for.
///
/// Not Foundation's Thread (rg links no Foundation); the new thread inherits the creator's
/// signal mask, so signals blocked for a SignalWatcher stay blocked there too.
public final class LoopThread {
  private final class Body {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
  }

  private var thread: pthread_t?

  /// Starts `body` on a new thread.
  public init(_ body: @escaping @Sendable () -> Void) throws(TransportError) {
    let context = Unmanaged.passRetained(Body(body)).toOpaque()
    var thread = pthread_t()
    let status = pthread_create(
      &thread, nil,
      { context in
        guard let context else { return nil }
        Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
        return nil
      }, context)
    guard status == 0 else {
      Unmanaged<Body>.fromOpaque(context).release()
      throw TransportError(.io, "cannot start a thread: \(SystemError.text(status))")
    }
    self.thread = thread
  }

  /// Waits for the thread's closure to return (once; later calls return at once).
  public func join() {
    guard let thread else { return }
    self.thread = nil
    pthread_join(thread, nil)
  }
}
