import RouteGuideProtocol

// Calls wait here for a stream while as many are open as the server takes. The first call goes
// out with the connection preface, before the server's SETTINGS (RFC 9113 §3.4 allows it, and
// it saves a round trip on every one-shot call); the others wait for SETTINGS to say how many
// streams the server takes. A server can refuse streams below its advertised limit (grpc-core
// counts a stream until its handler is done); then the limit is lowered to what it took.

extension HTTP2ClientConnection {
  /// Gives waiting calls streams while the limit allows.
  func submitPending() {
    guard !isClosed else { return }
    if goAwayLastStreamID != nil {
      let refused = pending
      pending.removeAll()
      let status = GRPCStatus(.unavailable, "the server is going away (GOAWAY); no new calls")
      for call in refused where !handOff(call) { failSoon(call, status) }
      return
    }
    // A GOAWAY nghttp2 has read but not yet reported leaves the calls waiting for it here.
    let limit = settingsReceived ? maxConcurrentStreams : 1
    while calls.count < limit, !pending.isEmpty, session.isRequestAllowed {
      submit(pending.removeFirst())
    }
    watchForNoStreams()
  }

  /// A server whose SETTINGS allow no stream at all, while calls wait for one, gets as long
  /// as an unanswered keepalive PING before the calls fail: it is alive, but rg must not
  /// wait forever (DESIGN §1). A call sent with the preface, before those SETTINGS came, waits
  /// the same way while the server has not answered it: it was sent on a stream the server
  /// then said it does not allow (a strict server refuses it, and it waits in `pending`).
  private func watchForNoStreams() {
    guard maxConcurrentStreams == 0, !pending.isEmpty || !unansweredCalls.isEmpty else {
      if let noStreamsTimer { loop.cancelTimer(noStreamsTimer) }
      noStreamsTimer = nil
      return
    }
    guard noStreamsTimer == nil else { return }
    let wait = keepalivePolicy.timeout
    noStreamsTimer = loop.schedule(after: wait) { [weak self] in
      guard let self else { return }
      noStreamsTimer = nil
      guard maxConcurrentStreams == 0, !isClosed else { return }
      let status = GRPCStatus(
        .unavailable,
        "\(peerDescription) allows no streams (SETTINGS_MAX_CONCURRENT_STREAMS 0); gave up "
          + "after \(DurationText.rounded(nanoseconds: wait))")
      let waiting = pending
      pending.removeAll()
      for call in waiting { failSoon(call, status) }
      for call in unansweredCalls { call.finish(status, reset: HTTP2ErrorCode.cancel) }
    }
  }

  /// Open calls the server has not begun to answer.
  private var unansweredCalls: [ClientCall] {
    calls.values.filter { $0.responseHeaders == nil && !$0.isFinished }
  }

  /// The server's SETTINGS: its stream limit is known; a raised limit is trusted again.
  func settingsDidArrive() {
    settingsReceived = true
    if let settingsTimer { loop.cancelTimer(settingsTimer) }
    settingsTimer = nil
    let limit = advertisedStreamLimit
    if limit > knownMaxConcurrentStreams {
      learnedStreamLimit = nil
      onStreamCapacity?()
    }
    knownMaxConcurrentStreams = limit
    submitPending()
  }

  /// REFUSED_STREAM: the server never saw the call. It goes first in line and is retried when
  /// a stream ends, or after a short delay that grows with each refusal.
  func requeueRefused(_ call: ClientCall, attempt: Int) {
    learnedStreamLimit = max(1, calls.count)
    call.connection = self
    pending.insert(call, at: 0)
    loop.schedule(after: 5_000_000 << UInt64(min(attempt, 8))) { [weak self] in
      self?.submitPending()
    }
  }
}
