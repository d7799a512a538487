import RouteGuideProtocol

/// One gRPC call a client opened on an HTTP2ServerConnection.
///
/// `acceptCall` must set `handler` before it returns. The call holds the handler strongly until
/// the stream closes, then lets it go.
public final class ServerCall {
  /// Handlers stop sending above about four times this and wait for `callCanSendMore`.
  /// Small, because a server holds this for every open stream of every connection, whether or
  /// not the client reads: 100 greedy streams cost about 13 MiB, not 100.
  public static let lowWaterMark = 32 << 10

  /// The `:path`, e.g. `/routeguide.RouteGuide/GetFeature`.
  public let path: String
  /// The request headers as received, pseudo-headers included.
  public let headers: [(name: String, value: String)]
  /// The client's `grpc-timeout`; the call is cancelled with DEADLINE_EXCEEDED when it passes.
  public let timeoutNanoseconds: UInt64?
  /// Receives the call's events; held strongly until the stream closes.
  public var handler: (any ServerCallHandler)?
  /// `finish` was called (or the transport ended the call with a status).
  public internal(set) var isFinished = false
  /// The client went away or the call was cut short; sends and `finish` are ignored.
  public internal(set) var isCancelled = false

  let streamID: Int32
  /// The size of `headers` as the connection's header budget counts it.
  let headerBytes: Int
  weak var connection: HTTP2ServerConnection?
  var deframer: MessageDeframer
  var responseBody = HTTP2BodyBuffer()
  var headersSent = false
  var pendingTrailers: [(name: String, value: String)]?
  var bodyDeferred = false
  var streamClosed = false
  var deadlineTimer: EventLoop.Token?
  /// Request messages are not handed over (`pauseReceiving`).
  public internal(set) var isReceivingPaused = false
  /// Bytes received and not yet given back to the client's stream window.
  var heldBytes = 0
  /// The client half-closed while receiving was paused.
  var receivedEnd = false
  /// What response messages are compressed with (sent as `grpc-encoding`); nil: identity.
  let responseCodec: (any MessageCodec)?

  init(
    connection: HTTP2ServerConnection, streamID: Int32, headers: [(name: String, value: String)],
    headerBytes: Int, maxReceiveMessageSize: Int, requestEncoding: MessageEncoding = .identity,
    responseCodec: (any MessageCodec)? = nil
  ) {
    self.headerBytes = headerBytes
    self.connection = connection
    self.streamID = streamID
    self.headers = headers
    self.path = headers.first { $0.name == ":path" }?.value ?? ""
    self.timeoutNanoseconds = headers.first { $0.name == "grpc-timeout" }.flatMap {
      GRPCTimeout.decode($0.value)
    }
    self.deframer = MessageDeframer(maxMessageSize: maxReceiveMessageSize)
    deframer.encoding = requestEncoding
    self.responseCodec = responseCodec
  }

  /// Response bytes framed but not yet handed to HTTP/2.
  public var bufferedResponseBytes: Int { responseBody.count }

  /// Frames `message`; the response headers go out with the first one.
  public func send(_ message: some ProtobufMessage) {
    guard !isFinished, !isCancelled else { return }
    if let responseCodec {
      responseBody.append(message, compressingWith: responseCodec)
    } else {
      responseBody.append(message)
    }
    startOrResumeBody()
  }

  /// Ends the call with `status` in trailers, or Trailers-Only when nothing was sent.
  public func finish(_ status: GRPCStatus) {
    guard !isFinished, !isCancelled else { return }
    isFinished = true
    stopDeadline()
    var trailers: [(name: String, value: String)] = [("grpc-status", "\(status.code.rawValue)")]
    if !status.message.isEmpty {
      trailers.append(("grpc-message", GRPCMessageCoding.percentEncode(status.message)))
    }
    if headersSent {
      pendingTrailers = trailers
      startOrResumeBody()
    } else {
      headersSent = true
      connection?.submitResponse(self, extraHeaders: trailers, hasBody: false)
    }
  }

  private func startOrResumeBody() {
    if !headersSent {
      headersSent = true
      connection?.submitResponse(self, extraHeaders: [], hasBody: true)
    } else {
      let wasDeferred = bodyDeferred
      bodyDeferred = false
      connection?.bodyDidGrow(self, wasDeferred: wasDeferred)
    }
  }

  /// The data provider: response bytes for the next DATA frame, then the trailers.
  func readResponseBody(into buffer: UnsafeMutableRawBufferPointer) -> HTTP2DataChunk {
    let before = responseBody.count
    let count = responseBody.read(into: buffer)
    if responseBody.count == 0, let pendingTrailers {
      return .bytes(count, end: .trailers(pendingTrailers))
    }
    if count == 0 {
      bodyDeferred = true
      return .deferred
    }
    if before >= Self.lowWaterMark && responseBody.count < Self.lowWaterMark {
      // Not from inside nghttp2: the handler will send more, which resumes data.
      connection?.loop.schedule(after: 0) { [weak self] in
        guard let self, !isFinished, !isCancelled else { return }
        handler?.callCanSendMore(self)
      }
    }
    return .bytes(count, end: nil)
  }

  func startDeadline(on loop: EventLoop) {
    guard let timeoutNanoseconds else { return }
    deadlineTimer = loop.schedule(after: timeoutNanoseconds) { [weak self] in
      guard let self else { return }
      deadlineTimer = nil
      failFromTransport(GRPCStatus(.deadlineExceeded, "deadline exceeded"))
    }
  }

  private func stopDeadline() {
    if let deadlineTimer { connection?.loop.cancelTimer(deadlineTimer) }
    deadlineTimer = nil
  }

  /// The transport ends the call with `status` and tells the handler it is cut short.
  func failFromTransport(_ status: GRPCStatus) {
    guard !isFinished, !isCancelled else { return }
    finish(status)
    isCancelled = true
    handler?.callWasCancelled(self)
  }
}
