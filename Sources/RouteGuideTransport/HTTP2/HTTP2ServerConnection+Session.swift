import RouteGuideProtocol

// nghttp2's events for the server: new requests are validated and become ServerCalls.

extension HTTP2ServerConnection: HTTP2SessionDelegate {
  /// More header fields than any gRPC request needs: the stream is refused.
  static let maxRequestHeaderCount = 256

  func sessionWillReceiveHeaders(streamID: Int32) {
    if calls[streamID] == nil { pendingRequests[streamID] = [] }
  }

  func sessionDidReceiveHeader(streamID: Int32, name: String, value: String)
    throws(HTTP2CallbackError)
  {
    guard var block = pendingRequests[streamID] else { return }
    guard block.count < Self.maxRequestHeaderCount else {
      pendingRequests[streamID] = nil
      throw .resetStream(HTTP2ErrorCode.enhanceYourCalm)
    }
    block.append((name, value))
    pendingRequests[streamID] = block
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

  func sessionDidReceiveSettings() {}

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
