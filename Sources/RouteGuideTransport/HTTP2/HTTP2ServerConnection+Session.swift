import RouteGuideProtocol

// nghttp2's events for the server: new requests are validated and become ServerCalls.

extension HTTP2ServerConnection: HTTP2SessionDelegate {
  func sessionDidReceiveHeaders(
    streamID: Int32, _ fields: [(name: String, value: String)], endStream: Bool
  ) {
    guard !isClosed else { return }
    if let call = calls[streamID] {
      // Request trailers: only their END_STREAM matters.
      if endStream { call.didFinishReceiving() }
      return
    }
    startCall(streamID: streamID, headers: fields, endStream: endStream)
  }

  func sessionDidReceiveOversizedHeaders(streamID: Int32, endStream: Bool) {
    guard !isClosed else { return }
    if let call = calls[streamID] {
      call.failFromTransport(
        GRPCStatus(.resourceExhausted, "request trailers exceed \(headerLimitText)"))
      return
    }
    let status = GRPCStatus(.resourceExhausted, "request headers exceed \(headerLimitText)")
    reject(streamID: streamID, httpStatus: 200, status)
  }

  private var headerLimitText: String { "\(Self.maxHeaderListSize >> 10) KiB" }

  private func startCall(streamID: Int32, headers: [(name: String, value: String)], endStream: Bool)
  {
    let method = headers.first { $0.name == ":method" }?.value ?? ""
    let contentType = headers.first { $0.name == "content-type" }?.value ?? ""
    guard method == "POST" else {
      let status = GRPCStatus(.internal, "method \(method) is not allowed; gRPC uses POST")
      return reject(streamID: streamID, httpStatus: 405, status)
    }
    if let (httpStatus, status) = Self.refusal(contentType: contentType, headers: headers) {
      return reject(streamID: streamID, httpStatus: httpStatus, status)
    }
    let size = HTTP2HeaderBlock.listSize(headers)
    guard heldHeaderBytes + size <= Self.maxHeldHeaderBytes else {
      let status = GRPCStatus(
        .resourceExhausted,
        "the open calls of this connection hold more than \(Self.maxHeldHeaderBytes >> 10) KiB "
          + "of request headers")
      return reject(streamID: streamID, httpStatus: 200, status)
    }
    guard let requestEncoding = requestEncoding(streamID: streamID, headers) else { return }
    let call = ServerCall(
      connection: self, streamID: streamID, headers: headers, headerBytes: size,
      maxReceiveMessageSize: maxReceiveMessageSize, requestEncoding: requestEncoding,
      responseCodec: responseCodec(for: headers))
    heldHeaderBytes += size
    calls[streamID] = call
    idleSince = nil
    call.startDeadline(on: loop)
    acceptCall(call)
    if endStream { call.didFinishReceiving() }
  }

  /// Why a POST request cannot become a call, as an HTTP status and a gRPC status; nil if it
  /// can. Only protobuf is spoken; a malformed grpc-timeout is INTERNAL with HTTP 400, as
  /// grpc-go answers it.
  static func refusal(contentType: String, headers: [(name: String, value: String)])
    -> (httpStatus: Int, GRPCStatus)?
  {
    switch GRPCContentType(contentType) {
    case .notGRPC:
      return (415, GRPCStatus(.internal, "invalid gRPC request content-type \"\(contentType)\""))
    case .otherCodec(let codec):
      let message =
        "content-type \"\(contentType)\": this server speaks protobuf only "
        + "(application/grpc or application/grpc+proto), not \(codec)"
      return (200, GRPCStatus(.unimplemented, message))
    case .protobuf:
      break
    }
    if let timeout = headers.first(where: { $0.name == "grpc-timeout" })?.value,
      GRPCTimeout.decode(timeout) == nil
    {
      return (400, GRPCStatus(.internal, "malformed grpc-timeout \"\(timeout.prefix(40))\""))
    }
    return nil
  }

  func sessionDidReceiveData(streamID: Int32, _ bytes: UnsafeRawBufferPointer) {
    calls[streamID]?.didReceiveData(bytes)
  }

  func sessionDidReceiveEndOfData(streamID: Int32) {
    calls[streamID]?.didFinishReceiving()
  }

  func sessionDidCloseStream(streamID: Int32, errorCode: UInt32) {
    guard let call = calls.removeValue(forKey: streamID) else { return }
    heldHeaderBytes -= call.headerBytes
    call.didClose()
    if calls.isEmpty { callsDidEnd() }
  }

  func sessionDidReceiveGoAway(lastStreamID: Int32, errorCode: UInt32) {}

  func sessionDidReceiveSettings() {
    settingsReceived = true
    if let handshakeTimer { loop.cancelTimer(handshakeTimer) }
    handshakeTimer = nil
  }

  func sessionDidReceivePingAck() {
    sendFinalGoAway()
  }

  func sessionReadBody(streamID: Int32, into buffer: UnsafeMutableRawBufferPointer)
    -> HTTP2DataChunk
  {
    guard let call = calls[streamID] else { return .bytes(0, end: .endStream) }
    return call.readResponseBody(into: buffer)
  }
}
