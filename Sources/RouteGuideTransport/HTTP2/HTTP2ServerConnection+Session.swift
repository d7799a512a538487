import RouteGuideProtocol

// nghttp2's events for the server: new requests are validated and become ServerCalls.

extension HTTP2ServerConnection: HTTP2SessionDelegate {
  /// More header fields than any gRPC request needs: the stream is refused.
  static let maxRequestHeaderCount = 256

  func sessionWillReceiveHeaders(streamID: Int32) {
    guard calls[streamID] == nil else { return }
    // Room for a usual gRPC request's fields, so the block does not regrow while it fills.
    var block: [(name: String, value: String)] = []
    block.reserveCapacity(16)
    pendingRequests[streamID] = block
  }

  func sessionDidReceiveHeader(streamID: Int32, name: String, value: String)
    throws(HTTP2CallbackError)
  {
    guard let count = pendingRequests[streamID]?.count else { return }
    guard count < Self.maxRequestHeaderCount else {
      pendingRequests[streamID] = nil
      throw .resetStream(HTTP2ErrorCode.enhanceYourCalm)
    }
    // Appended in place: a copy taken out of the dictionary would be copied on every field.
    pendingRequests[streamID]?.append((name, value))
  }

  func sessionDidReceiveHeaders(streamID: Int32, endStream: Bool) {
    if let block = pendingRequests.removeValue(forKey: streamID) {
      startCall(streamID: streamID, headers: block, endStream: endStream)
    } else if endStream {
      calls[streamID]?.didFinishReceiving()
    }
  }

  private func startCall(streamID: Int32, headers: [(name: String, value: String)], endStream: Bool)
  {
    let method = headers.first { $0.name == ":method" }?.value ?? ""
    let contentType = headers.first { $0.name == "content-type" }?.value ?? ""
    guard method == "POST" else {
      let status = GRPCStatus(.internal, "method \(method) is not allowed; gRPC uses POST")
      return reject(streamID: streamID, httpStatus: 405, status)
    }
    guard ClientCall.isGRPCContentType(contentType) else {
      let status = GRPCStatus(.internal, "invalid gRPC request content-type \"\(contentType)\"")
      return reject(streamID: streamID, httpStatus: 415, status)
    }
    let call = ServerCall(
      connection: self, streamID: streamID, headers: headers,
      maxReceiveMessageSize: maxReceiveMessageSize)
    calls[streamID] = call
    call.startDeadline(on: loop)
    acceptCall(call)
    if endStream { call.didFinishReceiving() }
  }

  func sessionDidReceiveData(streamID: Int32, _ bytes: UnsafeRawBufferPointer) {
    calls[streamID]?.didReceiveData(bytes)
  }

  func sessionDidReceiveEndOfData(streamID: Int32) {
    calls[streamID]?.didFinishReceiving()
  }

  func sessionDidCloseStream(streamID: Int32, errorCode: UInt32) {
    pendingRequests[streamID] = nil
    calls.removeValue(forKey: streamID)?.didClose()
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
