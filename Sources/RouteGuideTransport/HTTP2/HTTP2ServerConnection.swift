import RouteGuideProtocol

/// The server end of an HTTP/2 connection: one ServerCall per valid gRPC request stream.
///
/// The event loop keeps the connection alive until its stream closes; `onClose` then runs once,
/// after every open call was cancelled. A client that breaks the protocol ends only this
/// connection. Everything runs on the loop thread.
public final class HTTP2ServerConnection {
  /// How long a graceful shutdown waits for the PING answer before the final GOAWAY.
  static let shutdownNoticeGrace: UInt64 = 1_000_000_000
  /// How long a client has from accept to its SETTINGS (TLS handshake and preface included):
  /// a slowloris client must not hold a descriptor forever.
  static let handshakeTimeout: UInt64 = 10_000_000_000
  /// The largest request header block taken (SETTINGS_MAX_HEADER_LIST_SIZE), as grpc-core's
  /// hard limit: a larger block is answered RESOURCE_EXHAUSTED without being kept.
  static let maxHeaderListSize: UInt32 = 16 << 10
  /// Request header bytes the open calls of one connection may hold together.
  static let maxHeldHeaderBytes = 256 << 10
  /// How long a final GOAWAY may take to leave before the connection is cut anyway (a client
  /// that does not read must not keep it).
  static let finalGoAwayGrace: UInt64 = 1_000_000_000

  private enum Shutdown {
    case running
    case noticeSent
    case goAwaySent
  }

  let loop: EventLoop
  let session: HTTP2Session
  let pump: HTTP2Pump
  let maxReceiveMessageSize: Int
  /// The encodings requests may use (and `grpc-accept-encoding` lists).
  let codecs: MessageCodecs
  /// The encoding responses use for clients that accept it; nil: identity.
  let responseCodec: (any MessageCodec)?
  let policy: ConnectionPolicy
  let acceptCall: (ServerCall) -> Void
  var calls: [Int32: ServerCall] = [:]
  /// What the open calls' request headers hold, against `maxHeldHeaderBytes`.
  var heldHeaderBytes = 0
  private var shutdown = Shutdown.running
  /// The debug data of the final GOAWAY of a graceful shutdown (e.g. `max_idle`).
  private var shutdownReason = ""
  var settingsReceived = false
  var handshakeTimer: EventLoop.Token?
  /// When the last call ended (or the connection began); nil while calls are open.
  var idleSince: UInt64? = EventLoop.now()
  var idleTimer: EventLoop.Token?
  var pingPolicy: HTTP2PingPolicy
  var resetLimit: HTTP2ResetLimit
  /// A GOAWAY that ends the connection was submitted: nothing more to do but send it.
  var isEnding = false

  /// Runs once when the connection is closed.
  public var onClose: (() -> Void)?

  public init(
    stream: any ByteStream, loop: EventLoop, maxConcurrentStreams: UInt32,
    maxReceiveMessageSize: Int, policy: ConnectionPolicy = ConnectionPolicy(),
    codecs: MessageCodecs = MessageCodecs([]), responseCodec: (any MessageCodec)? = nil,
    acceptCall: @escaping (ServerCall) -> Void
  ) throws(TransportError) {
    self.loop = loop
    self.maxReceiveMessageSize = maxReceiveMessageSize
    self.codecs = codecs
    self.responseCodec = responseCodec
    self.policy = policy
    self.acceptCall = acceptCall
    pingPolicy = HTTP2PingPolicy(
      minInterval: policy.minPingIntervalNanoseconds, maxStrikes: policy.maxPingStrikes)
    resetLimit = HTTP2ResetLimit(burst: policy.resetBurst, perSecond: policy.resetsPerSecond)
    var settings = HTTP2Session.Settings()
    settings.maxConcurrentStreams = maxConcurrentStreams
    settings.maxHeaderListSize = Self.maxHeaderListSize
    settings.manualStreamFlowControl = true
    session = try HTTP2Session(role: .server, settings: settings)
    pump = HTTP2Pump(stream: stream, loop: loop, session: session)
    session.delegate = self
    pump.onClose = { [self] _ in pumpDidClose() }
    pump.start()
    handshakeTimer = loop.schedule(after: Self.handshakeTimeout) { [weak self] in
      guard let self, !settingsReceived else { return }
      abort()
    }
    if let maxIdle = policy.maxIdleNanoseconds { scheduleIdleCheck(after: maxIdle) }
  }

  /// Calls accepted whose streams are still open.
  public var openCallCount: Int { calls.count }
  public var isClosed: Bool { pump.isClosed }
  public var peerDescription: String { pump.stream.peerDescription }
  /// Bytes written by nghttp2 that the socket has not taken yet.
  public var bufferedOutputBytes: Int { pump.bufferedOutputBytes }

  /// GOAWAY in two steps (notice, PING round trip, final GOAWAY with `reason` as its debug
  /// data); closes when the calls end.
  public func shutdownGracefully(reason: String = "") {
    guard case .running = shutdown, !pump.isClosed, !isEnding else { return }
    shutdown = .noticeSent
    shutdownReason = reason
    do {
      try session.submitShutdownNotice()
      try session.submitPing()
    } catch {
      return abort()
    }
    loop.schedule(after: Self.shutdownNoticeGrace) { [weak self] in self?.sendFinalGoAway() }
    pump.flushSoon()
  }

  func sendFinalGoAway() {
    guard case .noticeSent = shutdown, !pump.isClosed, !isEnding else { return }
    shutdown = .goAwaySent
    do {
      try session.submitGoAway(
        lastStreamID: session.lastProcessedStreamID, HTTP2ErrorCode.noError,
        debugData: shutdownReason)
      pump.flushSoon()
    } catch {
      abort()
    }
  }

  /// Closes the connection now; open calls are cancelled.
  public func abort() {
    pump.close(nil)
  }

  func submitResponse(
    _ call: ServerCall, extraHeaders: [(name: String, value: String)], hasBody: Bool
  ) {
    guard !call.streamClosed else { return }
    var headers = [(":status", "200"), ("content-type", "application/grpc")]
    // grpc-accept-encoding goes only with a refused encoding (+Encoding.swift): on every
    // response it cost clients 2,000 instructions a call for news they do not use.
    if hasBody, let codec = call.responseCodec { headers.append(("grpc-encoding", codec.name)) }
    respond(streamID: call.streamID, headers + extraHeaders, hasBody: hasBody)
  }

  /// Answers a request that is not gRPC with an HTTP error and a gRPC status, ending the stream.
  func reject(
    streamID: Int32, httpStatus: Int, _ status: GRPCStatus,
    extraHeaders: [(name: String, value: String)] = []
  ) {
    let headers: [(name: String, value: String)] = [
      (":status", "\(httpStatus)"), ("content-type", "application/grpc"),
      ("grpc-status", "\(status.code.rawValue)"),
      ("grpc-message", GRPCMessageCoding.percentEncode(status.message)),
    ]
    respond(streamID: streamID, headers + extraHeaders, hasBody: false)
  }

  private func respond(streamID: Int32, _ headers: [(name: String, value: String)], hasBody: Bool) {
    do {
      try session.submitResponse(streamID: streamID, headers, hasBody: hasBody)
    } catch {
      try? session.resetStream(streamID: streamID, HTTP2ErrorCode.internalError)
    }
    pump.flushSoon()
  }

  /// Gives `count` bytes back to the call's stream window: the handler took them.
  func consume(_ call: ServerCall, _ count: Int) {
    guard count > 0, !call.streamClosed, !pump.isClosed else { return }
    try? session.consumeStream(call.streamID, count)
    pump.flushSoon()
  }

  func bodyDidGrow(_ call: ServerCall, wasDeferred: Bool) {
    if wasDeferred && !call.streamClosed {
      try? session.resumeData(streamID: call.streamID)
    }
    pump.flushSoon()
  }

  private func pumpDidClose() {
    // Events still recorded for this session concern nobody now.
    session.delegate = nil
    if let handshakeTimer { loop.cancelTimer(handshakeTimer) }
    if let idleTimer { loop.cancelTimer(idleTimer) }
    let open = calls.sorted { $0.key < $1.key }.map(\.value)
    calls.removeAll()
    heldHeaderBytes = 0
    for call in open { call.didClose() }
    let handler = onClose
    onClose = nil
    handler?()
  }
}
