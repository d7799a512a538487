import RouteGuideProtocol

/// The client end of an HTTP/2 connection carrying gRPC calls, over any ByteStream.
///
/// The event loop keeps the connection alive until its stream closes; `onClose` then runs once
/// and every open call has finished. Everything runs on the loop thread.
public final class HTTP2ClientConnection {
  /// The largest response header block taken (SETTINGS_MAX_HEADER_LIST_SIZE): generous, as
  /// rich error details travel in trailers, but bounded against HPACK amplification.
  static let maxHeaderListSize: UInt32 = 64 << 10

  let loop: EventLoop
  let session: HTTP2Session
  let pump: HTTP2Pump
  private let authority: String
  private let scheme: String
  private let userAgent: String
  var calls: [Int32: ClientCall] = [:]
  var goAwayLastStreamID: Int32?
  /// Why the server ended the connection, when its GOAWAY said (an error code, debug data).
  var goAwayError: TransportError?
  var knownMaxConcurrentStreams = 100
  /// Calls without a stream yet, in start order (HTTP2ClientConnection+Queue.swift).
  var pending: [ClientCall] = []
  var settingsReceived = false
  var settingsTimer: EventLoop.Token?
  var learnedStreamLimit: Int?
  let keepalivePolicy: KeepalivePolicy
  var keepalive = KeepaliveState()
  /// Fails waiting calls when the server allows no streams for too long.
  var noStreamsTimer: EventLoop.Token?
  private var closeRequested = false
  /// The stream is closed; new calls fail with UNAVAILABLE.
  public private(set) var isClosed = false

  /// A stream ended or the peer raised its limit: room for another call.
  public var onStreamCapacity: (() -> Void)?
  /// The server sent GOAWAY: no new calls here.
  var onGoAway: (() -> Void)?
  /// Takes a call the server never processed (after GOAWAY); false leaves it to fail here.
  var onHandOff: ((ClientCall) -> Bool)?
  /// The connection is closed: nil when `close()` asked for it, else why.
  public var onClose: ((TransportError?) -> Void)?

  public init(
    stream: any ByteStream, loop: EventLoop, authority: String, scheme: String, userAgent: String,
    keepalive: KeepalivePolicy = KeepalivePolicy()
  ) throws(TransportError) {
    self.loop = loop
    keepalivePolicy = keepalive
    self.authority = authority
    self.scheme = scheme
    self.userAgent = userAgent
    var settings = HTTP2Session.Settings()
    settings.maxHeaderListSize = Self.maxHeaderListSize
    session = try HTTP2Session(role: .client, settings: settings)
    pump = HTTP2Pump(stream: stream, loop: loop, session: session)
    session.delegate = self
    pump.onClose = { [self] error in pumpDidClose(error) }
    pump.start()
  }

  /// The peer's SETTINGS_MAX_CONCURRENT_STREAMS (100 until its SETTINGS arrive), lowered to
  /// what it really took if it refused streams below it.
  public var maxConcurrentStreams: Int {
    min(advertisedStreamLimit, learnedStreamLimit ?? Int.max)
  }

  var advertisedStreamLimit: Int { Int(min(session.remoteMaxConcurrentStreams, UInt32(Int32.max))) }

  /// Calls started and not yet finished on the wire, including those waiting for a stream.
  public var openCallCount: Int { calls.count + pending.count { !$0.isFinished } }

  /// The peer as the stream names it, for messages.
  public var peerDescription: String { pump.stream.peerDescription }

  /// Starts a call; beyond the server's stream limit it waits for a stream to end.
  public func startCall(
    path: String, metadata: [(name: String, value: String)], timeoutNanoseconds: UInt64?,
    maxReceiveMessageSize: Int, expectsSingleResponse: Bool, delegate: any ClientCallDelegate
  ) -> ClientCall {
    let request = ClientCallRequest(
      path: path, metadata: metadata, timeoutNanoseconds: timeoutNanoseconds,
      maxReceiveMessageSize: maxReceiveMessageSize, expectsSingleResponse: expectsSingleResponse)
    let call = ClientCall(
      request, headers: request.headers(authority: authority, scheme: scheme, userAgent: userAgent),
      delegate: delegate)
    call.startDeadline(on: loop)
    enqueue(call)
    return call
  }

  /// The headers a call made for this connection's server would send.
  func requestHeaders(for request: ClientCallRequest) -> [(name: String, value: String)] {
    request.headers(authority: authority, scheme: scheme, userAgent: userAgent)
  }

  /// Takes a call (new, or handed over from a connection the server is leaving) into line
  /// for a stream.
  func enqueue(_ call: ClientCall) {
    guard !call.isFinished else { return }
    call.connection = self
    guard !isClosed && !closeRequested else {
      failSoon(call, GRPCStatus(.unavailable, "the connection to \(peerDescription) is closed"))
      return
    }
    pending.append(call)
    submitPending()
    armKeepalive()
  }

  /// Submits the request of `call`, which then waits in nghttp2 for its HEADERS to go out.
  func submit(_ call: ClientCall) {
    guard !call.isFinished else { return }

    let size = HTTP2HeaderBlock.listSize(call.requestHeaders)
    let limit = session.remoteMaxHeaderListSize
    guard size <= limit else {
      let status = GRPCStatus(
        .resourceExhausted,
        "the request headers (\(size >> 10) KiB) exceed the \(limit >> 10) KiB the server takes "
          + "(its SETTINGS_MAX_HEADER_LIST_SIZE)")
      return failSoon(call, status)
    }
    do {
      call.streamID = try session.submitRequest(call.requestHeaders)
    } catch {
      failSoon(call, GRPCStatus(.internal, error.message))
      return
    }
    calls[call.streamID] = call
    pump.flushSoon()
  }

  /// When bytes last came from the server.
  var lastReadTime: UInt64 { pump.lastReadTime }

  /// Sends a PING; false if the session would not take it.
  func sendPing() -> Bool {
    guard (try? session.submitPing()) != nil else { return false }
    pump.flushSoon()
    return true
  }

  /// Gives the connection up at once: open calls see `error` (UNAVAILABLE).
  func abandon(_ error: TransportError) {
    pump.close(error)
  }

  /// Stops reading the socket, so TCP flow control slows the server (response backpressure).
  public func pauseReading() { pump.pauseReading() }
  /// Reads again, including bytes TLS already holds.
  public func resumeReading() {
    let wasPaused = pump.isReadingPaused
    pump.resumeReading()
    if wasPaused { noteReadingResumed() }
  }
  public var isReadingPaused: Bool { pump.isReadingPaused }

  /// Sends GOAWAY after what is queued (the resets of cancelled calls: the server must see
  /// CANCEL, not a lost connection) and closes once it is written; open calls end with
  /// CANCELLED.
  public func close() {
    guard !isClosed, !closeRequested else { return }
    closeRequested = true
    pump.terminate(HTTP2ErrorCode.noError)
  }

  /// Closes the connection (calls see UNAVAILABLE) unless the server's SETTINGS arrive within
  /// `nanoseconds`: a peer that accepts TCP but never speaks HTTP/2 must not hang rg forever.
  public func expectSettings(withinNanoseconds nanoseconds: UInt64) {
    settingsTimer = loop.schedule(after: nanoseconds) { [weak self] in
      guard let self, !settingsReceived, !isClosed else { return }
      let time = DurationText.format(nanoseconds: nanoseconds)
      pump.close(
        TransportError(
          .timeout,
          "\(peerDescription) sent no HTTP/2 SETTINGS within \(time)"
            + " (is it an HTTP/2 server\(scheme == "http" ? " without TLS" : "")?)"))
    }
  }

  /// The delegate is told after startCall returned, so it always has the call in hand.
  func failSoon(_ call: ClientCall, _ status: GRPCStatus) {
    loop.schedule(after: 0) { call.finish(status, reset: nil) }
  }

  /// Passes a call the server never processed to whoever can retry it elsewhere.
  func handOff(_ call: ClientCall) -> Bool {
    guard let onHandOff, call.prepareForRetry() else { return false }
    return onHandOff(call)
  }

  func bodyDidGrow(_ call: ClientCall, wasDeferred: Bool) {
    if wasDeferred && call.streamID > 0 && !call.streamClosed {
      // A stream nghttp2 already closed cannot be resumed; nothing to do then.
      try? session.resumeData(streamID: call.streamID)
    }
    pump.flushSoon()
  }

  func resetStream(_ call: ClientCall, _ code: UInt32) {
    try? session.resetStream(streamID: call.streamID, code)
    pump.flushSoon()
  }

  private func pumpDidClose(_ error: TransportError?) {
    isClosed = true
    // Events still recorded for this session concern nobody now.
    session.delegate = nil
    if let settingsTimer { loop.cancelTimer(settingsTimer) }
    if let noStreamsTimer { loop.cancelTimer(noStreamsTimer) }
    stopKeepalive()
    let reported: TransportError?
    let status: GRPCStatus
    if closeRequested {
      reported = error
      status = GRPCStatus(.cancelled, "the connection was closed")
    } else {
      // A GOAWAY with an error code says why the close that follows it came.
      var lost =
        goAwayError ?? error
        ?? TransportError(.unavailable, "connection closed by \(peerDescription)")
      if !settingsReceived && scheme == "http" && lost.kind == .unavailable {
        // What a plaintext client sees from a TLS server: a reset, or a close, at once.
        lost.message += " before its HTTP/2 SETTINGS (does the server expect TLS?)"
      }
      reported = lost
      status = GRPCStatus(lost.kind == .protocolError ? .internal : .unavailable, lost.message)
    }
    let open = pending + calls.sorted { $0.key < $1.key }.map(\.value)
    calls.removeAll()
    pending.removeAll()
    for call in open { call.connectionDidClose(status) }
    let handler = onClose
    onClose = nil
    onStreamCapacity = nil
    onGoAway = nil
    onHandOff = nil
    handler?(reported)
  }
}
