import RouteGuideProtocol

// Liveness: while calls wait for the server, a silent connection is probed with PING, and one
// on which nothing at all arrives within the keepalive timeout is given up with UNAVAILABLE,
// so no run hangs on a peer that vanished (DESIGN §1). A quiet server that answers the PING
// is alive: an interactive chat is never cut for being quiet.

extension HTTP2ClientConnection {
  /// The state of keepalive on one connection.
  struct KeepaliveState {
    var timer: EventLoop.Token?
    /// When the unanswered PING was sent.
    var probeSentAt: UInt64?
    var probesSinceActivity = 0
    /// When the server last sent headers or data (not PING ACKs: gRPC servers count pings
    /// against clients only while they themselves send nothing).
    var lastStreamActivity = EventLoop.now()
    /// When reading last resumed: silence while rg itself did not read (its output was
    /// behind) says nothing about the server.
    var readingResumedAt: UInt64 = 0
  }

  /// Whether any call waits for the server, and not for rg's own output: while reading is
  /// paused, a PING's answer sits unread in the socket, so silence proves nothing.
  private var isWaitingForServer: Bool {
    (!calls.isEmpty || !pending.isEmpty) && !pump.isReadingPaused
  }

  /// When the connection was last quiet from: the last bytes read, stream activity, or
  /// reading resumed.
  private var quietSince: UInt64 {
    max(lastReadTime, keepalive.lastStreamActivity, keepalive.readingResumedAt)
  }

  private var silenceBeforeProbe: UInt64 {
    keepalivePolicy.silenceBeforeProbe(probesSinceActivity: keepalive.probesSinceActivity)
  }

  /// Makes sure a check is scheduled while calls are open.
  func armKeepalive() {
    guard keepalive.timer == nil, !isClosed, isWaitingForServer else { return }
    scheduleLivenessCheck(at: quietSince + silenceBeforeProbe)
  }

  /// Headers or data came in: the server is working on our calls.
  func noteStreamActivity() {
    keepalive.lastStreamActivity = EventLoop.now()
    keepalive.probesSinceActivity = 0
  }

  /// The PING was answered: the next silence starts now, not when the answer's deadline
  /// would have passed (with --keepalive shorter than the timeout, PINGs would otherwise go
  /// out once per timeout).
  func noteProbeAnswered() {
    guard keepalive.probeSentAt != nil else { return }
    keepalive.probeSentAt = nil
    stopKeepalive()
    armKeepalive()
  }

  /// Reading resumed after rg's output caught up: a PING sent meanwhile may have been answered
  /// unread, so it is forgotten, and the silence is counted from now.
  func noteReadingResumed() {
    keepalive.readingResumedAt = EventLoop.now()
    keepalive.probeSentAt = nil
    stopKeepalive()
    armKeepalive()
  }

  func stopKeepalive() {
    if let timer = keepalive.timer { loop.cancelTimer(timer) }
    keepalive.timer = nil
  }

  private func scheduleLivenessCheck(at deadline: UInt64) {
    let now = EventLoop.now()
    keepalive.timer = loop.schedule(after: deadline > now ? deadline - now : 0) {
      [weak self] in
      self?.keepalive.timer = nil
      self?.checkLiveness()
    }
  }

  private func checkLiveness() {
    guard !isClosed else { return }
    let now = EventLoop.now()
    // Re-armed when reading resumes.
    guard !pump.isReadingPaused else { return }
    if let sentAt = keepalive.probeSentAt {
      guard lastReadTime <= sentAt else {
        keepalive.probeSentAt = nil
        return checkLiveness()
      }
      guard now - sentAt >= keepalivePolicy.timeout else {
        return scheduleLivenessCheck(at: sentAt + keepalivePolicy.timeout)
      }
      return giveUp(silentFor: now - quietSince)
    }
    guard isWaitingForServer else { return }
    guard now - quietSince >= silenceBeforeProbe else {
      return scheduleLivenessCheck(at: quietSince + silenceBeforeProbe)
    }
    guard sendPing() else { return }
    keepalive.probeSentAt = now
    keepalive.probesSinceActivity += 1
    scheduleLivenessCheck(at: now + keepalivePolicy.timeout)
  }

  private func giveUp(silentFor nanoseconds: UInt64) {
    let timeout = DurationText.rounded(nanoseconds: keepalivePolicy.timeout)
    abandon(
      TransportError(
        .unavailable,
        "no answer from \(peerDescription) for \(DurationText.rounded(nanoseconds: nanoseconds))"
          + " (a keepalive PING went unanswered for \(timeout)): the server or the network "
          + "is gone"))
  }
}
