import RouteGuideProtocol

/// One gRPC call on an HTTP2ClientConnection: request messages out, response events to a delegate.
///
/// The call holds its delegate strongly until `callDidFinish`, then lets it go. All methods run
/// on the loop thread.
public final class ClientCall {
  /// Callers stop producing requests above about four times this and wait for `callCanSendMore`.
  public static let lowWaterMark = 256 << 10

  /// The request headers as sent, pseudo-headers first (for -v).
  public let requestHeaders: [(name: String, value: String)]
  /// The HTTP/2 stream id; 0 when the request could not be submitted.
  public internal(set) var streamID: Int32 = 0
  public private(set) var isFinished = false

  weak var connection: HTTP2ClientConnection?
  var delegate: (any ClientCallDelegate)?
  let expectsSingleResponse: Bool
  var deadlineTimer: EventLoop.Token?
  /// The loop the deadline runs on (a call may outlive a connection).
  private var deadlineLoop: EventLoop?
  /// A refused stream is sent again if this much was sent at most (gRPC transparent retry).
  static let replayLimit = 64 << 10
  static let maxTransparentRetries = 5
  var requestBody = HTTP2BodyBuffer(replayLimit: ClientCall.replayLimit)
  var transparentRetries = 0
  var sendingClosed = false
  var bodyDeferred = false
  var streamClosed = false
  // Response state, used by ClientCall+Response.swift.
  var deframer: MessageDeframer
  var responseHeaders: [(name: String, value: String)]?
  var trailers: [(name: String, value: String)]?
  var httpStatus = 0
  var messageCount = 0
  var heldMessage: [UInt8]?
  /// What the call decodes, and what it compresses requests with (ClientCall+Encoding.swift).
  let codecs: MessageCodecs?
  let requestCodec: (any MessageCodec)?

  let timeoutNanoseconds: UInt64?

  /// A call not yet on a connection; `enqueue` puts it on one.
  init(
    _ request: ClientCallRequest, headers: [(name: String, value: String)],
    delegate: any ClientCallDelegate
  ) {
    self.requestHeaders = headers
    self.deframer = MessageDeframer(maxMessageSize: request.maxReceiveMessageSize)
    self.expectsSingleResponse = request.expectsSingleResponse
    self.timeoutNanoseconds = request.timeoutNanoseconds
    self.codecs = request.codecs
    self.requestCodec = request.requestCodec
    self.delegate = delegate
  }

  /// Starts the call's deadline (its whole life, across connections).
  func startDeadline(on loop: EventLoop) {
    guard let timeoutNanoseconds else { return }
    deadlineLoop = loop
    deadlineTimer = loop.schedule(after: timeoutNanoseconds) { [weak self] in
      self?.deadlineExpired(after: timeoutNanoseconds)
    }
  }

  /// Makes a call the server never processed ready to be sent again on another connection;
  /// false when it cannot be (its request bytes were not kept, or it was retried enough).
  func prepareForRetry() -> Bool {
    guard !isFinished, responseHeaders == nil, transparentRetries < Self.maxTransparentRetries,
      requestBody.rewind()
    else { return false }
    transparentRetries += 1
    streamID = 0
    streamClosed = false
    bodyDeferred = false
    connection = nil
    return true
  }

  /// The server streams answers to a call that has nothing more to send: reads may wait for
  /// more to arrive (HTTP2Pump.allowsCoalescing) without holding anyone up.
  var isStreamedTo: Bool { !expectsSingleResponse && sendingClosed && !isFinished }

  /// Request bytes framed but not yet handed to HTTP/2.
  public var bufferedRequestBytes: Int { requestBody.count }

  /// Frames `message` into the request buffer; ignored after `closeSending` or the end.
  public func send(_ message: some ProtobufMessage) {
    guard !isFinished, !sendingClosed else { return }
    if let requestCodec {
      requestBody.append(message, compressingWith: requestCodec)
    } else {
      requestBody.append(message)
    }
    resumeBody()
  }

  /// Ends the request side: END_STREAM goes out after the buffered messages.
  public func closeSending() {
    guard !isFinished, !sendingClosed else { return }
    sendingClosed = true
    resumeBody()
  }

  /// Resets the stream with CANCEL; the delegate's `callDidFinish` (CANCELLED) runs before
  /// this returns.
  public func cancel() {
    finish(GRPCStatus(.cancelled, "call cancelled"), reset: HTTP2ErrorCode.cancel)
  }

  private func resumeBody() {
    let wasDeferred = bodyDeferred
    bodyDeferred = false
    connection?.bodyDidGrow(self, wasDeferred: wasDeferred)
  }

  /// The data provider: request bytes for the next DATA frame.
  func readRequestBody(into buffer: UnsafeMutableRawBufferPointer) -> HTTP2DataChunk {
    if isFinished { return .bytes(0, end: .endStream) }
    let before = requestBody.count
    let count = requestBody.read(into: buffer)
    if requestBody.count == 0 && sendingClosed { return .bytes(count, end: .endStream) }
    if count == 0 {
      bodyDeferred = true
      return .deferred
    }
    if before >= Self.lowWaterMark && requestBody.count < Self.lowWaterMark {
      // Not from inside nghttp2: the delegate will send more, which resumes data.
      connection?.loop.schedule(after: 0) { [weak self] in
        guard let self, !isFinished, !sendingClosed else { return }
        delegate?.callCanSendMore(self)
      }
    }
    return .bytes(count, end: nil)
  }

  func deadlineExpired(after nanoseconds: UInt64) {
    deadlineTimer = nil
    let status = GRPCStatus(
      .deadlineExceeded, "deadline exceeded after \(DurationText.format(nanoseconds: nanoseconds))")
    finish(status, reset: HTTP2ErrorCode.cancel)
  }

  /// Ends the call once: resets the stream if asked and it is open, then tells the delegate.
  func finish(
    _ status: GRPCStatus, trailers: [(name: String, value: String)] = [], reset code: UInt32?
  ) {
    guard !isFinished else { return }
    isFinished = true
    if let deadlineTimer { deadlineLoop?.cancelTimer(deadlineTimer) }
    deadlineTimer = nil
    if let code, !streamClosed, streamID > 0 { connection?.resetStream(self, code) }
    requestBody.release()
    heldMessage = nil
    let delegate = self.delegate
    self.delegate = nil
    delegate?.callDidFinish(self, status: status, trailers: trailers)
  }
}
