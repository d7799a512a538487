/// Graceful shutdown: stop accepting, GOAWAY everywhere, let open streams finish within the
/// grace period, then cut what is left.
extension Server {
  /// The state of a shutdown in progress.
  final class Shutdown {
    private var completion: (() -> Void)?
    var graceTimer: EventLoop.Token?
    let loop: EventLoop

    init(loop: EventLoop, completion: @escaping () -> Void) {
      self.loop = loop
      self.completion = completion
    }

    /// Runs the completion once, however many ways the shutdown ends.
    func finish() {
      if let graceTimer { loop.cancelTimer(graceTimer) }
      graceTimer = nil
      let completion = self.completion
      self.completion = nil
      completion?()
    }
  }

  /// Starts a graceful shutdown; `completion` runs once every connection is closed. Calling
  /// it again while one runs cuts the remaining connections at once (a second Ctrl-C).
  public func shutdownGracefully(completion: @escaping () -> Void) {
    if shutdown != nil {
      abortAll()
      return
    }
    let shutdown = Shutdown(loop: loop, completion: completion)
    self.shutdown = shutdown
    closeListeners()
    if connections.isEmpty {
      shutdown.finish()
      return
    }
    shutdown.graceTimer = loop.schedule(after: configuration.gracePeriodNanoseconds) {
      [weak self] in self?.abortAll()
    }
    // Copied first: a connection with no open stream may close inside this call.
    for connection in Array(connections.values) { connection.shutdownGracefully() }
  }

  /// Closes every connection now, open streams and all.
  func abortAll() {
    for connection in Array(connections.values) { connection.abort() }
    // abort() normally reports onClose; make sure the shutdown ends even if one did not.
    connections.removeAll()
    shutdown?.finish()
  }

  func closeListeners() {
    for (listener, token) in listeners {
      loop.unwatch(token)
      listener.close()
    }
    listeners.removeAll()
  }
}
