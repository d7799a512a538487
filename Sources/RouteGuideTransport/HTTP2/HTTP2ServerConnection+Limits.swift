import RouteGuideProtocol

// What a client may cost a server connection (ConnectionPolicy): time without calls, PINGs and
// RST_STREAM frames. Each limit ends the connection with a GOAWAY whose debug data says why,
// as gRPC servers do (`max_idle`, `too_many_pings`).

extension HTTP2ServerConnection {
  /// The last open call ended: the idle clock starts, and the buffers the calls needed go.
  func callsDidEnd() {
    idleSince = EventLoop.now()
    // Next round: the events being delivered now hold the session's buffers until then.
    loop.schedule(after: 0) { [weak self] in
      guard let self, calls.isEmpty else { return }
      pump.releaseIdleBuffers()
    }
  }

  func scheduleIdleCheck(after nanoseconds: UInt64) {
    idleTimer = loop.schedule(after: nanoseconds) { [weak self] in self?.checkIdle() }
  }

  private func checkIdle() {
    idleTimer = nil
    guard let maxIdle = policy.maxIdleNanoseconds, !isClosed else { return }
    guard let since = idleSince else { return scheduleIdleCheck(after: maxIdle) }
    let idle = EventLoop.now() - since
    if idle >= maxIdle {
      shutdownGracefully(reason: "max_idle")
    } else {
      scheduleIdleCheck(after: maxIdle - idle)
    }
  }

  func sessionDidReceivePing() {
    let sentData = session.sentHeadersOrData
    session.sentHeadersOrData = false
    if pingPolicy.pingReceived(at: EventLoop.now(), afterSendingData: sentData) {
      end(HTTP2ErrorCode.enhanceYourCalm, reason: "too_many_pings")
    }
  }

  func sessionDidReceiveReset(streamID: Int32) {
    if resetLimit.resetReceived(at: EventLoop.now()) {
      end(
        HTTP2ErrorCode.enhanceYourCalm,
        reason: "too_many_resets: more than \(policy.resetBurst) RST_STREAM frames at once "
          + "or \(policy.resetsPerSecond) a second")
    }
  }

  /// Closes at once with a final GOAWAY NO_ERROR (best effort: written if the socket takes it
  /// now), e.g. to make room for a new connection; open calls are cancelled.
  public func closeNow(reason: String) {
    end(HTTP2ErrorCode.noError, reason: reason)
    abort()
  }

  /// Ends the connection with a final GOAWAY carrying `code` and `reason`; it closes once that
  /// is written, or after `finalGoAwayGrace` if the client does not read.
  func end(_ code: UInt32, reason: String) {
    guard !isEnding, !isClosed else { return }
    isEnding = true
    do {
      try session.submitFinalGoAway(code, debugData: reason)
    } catch {
      return abort()
    }
    pump.flush()
    loop.schedule(after: Self.finalGoAwayGrace) { [weak self] in self?.abort() }
  }
}
