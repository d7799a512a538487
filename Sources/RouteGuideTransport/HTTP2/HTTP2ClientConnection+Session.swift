import RouteGuideProtocol

// nghttp2's events for the client, routed to the call that owns the stream.

extension HTTP2ClientConnection: HTTP2SessionDelegate {
  func sessionDidReceiveHeaders(
    streamID: Int32, _ fields: [(name: String, value: String)], endStream: Bool
  ) {
    noteStreamActivity()
    calls[streamID]?.didReceiveHeaders(fields, endStream: endStream)
  }

  func sessionDidReceiveOversizedHeaders(streamID: Int32, endStream: Bool) {
    calls[streamID]?.didReceiveOversizedHeaders(limit: HTTP2ClientConnection.maxHeaderListSize)
  }

  func sessionDidFailToSendHeaders(streamID: Int32, reason: HTTP2SendFailure) {
    guard let call = calls.removeValue(forKey: streamID) else { return }
    defer { submitPending() }
    if reason.notAllowed {
      // GOAWAY came in before the request went out: the server never saw it.
      if handOff(call) { return }
      call.finish(
        GRPCStatus(.unavailable, "the server sent GOAWAY before it took the call"), reset: nil)
      return
    }
    let size = HTTP2HeaderBlock.listSize(call.requestHeaders)
    call.finish(
      GRPCStatus(
        .resourceExhausted,
        "the request headers (\(size >> 10) KiB) could not be sent: \(reason.text)"),
      reset: nil)
  }

  func sessionDidReceiveData(streamID: Int32, _ bytes: UnsafeRawBufferPointer) {
    noteStreamActivity()
    guard let call = calls[streamID] else { return }
    if !pump.allowsCoalescing && call.isStreamedTo { pump.allowsCoalescing = true }
    call.didReceiveData(bytes)
  }

  func sessionDidReceiveEndOfData(streamID: Int32) {
    calls[streamID]?.complete()
  }

  func sessionDidCloseStream(streamID: Int32, errorCode: UInt32) {
    guard let call = calls.removeValue(forKey: streamID) else { return }
    if pump.allowsCoalescing && !calls.values.contains(where: \.isStreamedTo) {
      pump.allowsCoalescing = false
    }
    call.didClose(errorCode: errorCode, goAwayLastStreamID: goAwayLastStreamID)
    submitPending()
    onStreamCapacity?()
  }

  func sessionDidReceiveGoAway(lastStreamID: Int32, errorCode: UInt32) {
    goAwayLastStreamID = min(goAwayLastStreamID ?? Int32.max, lastStreamID)
    if errorCode != HTTP2ErrorCode.noError {
      goAwayError = Self.goAwayError(
        errorCode, debugData: session.receivedGoAwayDebugData, peer: peerDescription)
    }
    onGoAway?()
    submitPending()
  }

  func sessionDidReceiveSettings() {
    settingsDidArrive()
  }

  func sessionDidReceivePingAck() { noteProbeAnswered() }

  func sessionReadBody(streamID: Int32, into buffer: UnsafeMutableRawBufferPointer)
    -> HTTP2DataChunk
  {
    guard let call = calls[streamID] else { return .bytes(0, end: .endStream) }
    return call.readRequestBody(into: buffer)
  }
}

extension HTTP2ClientConnection {
  /// The GOAWAY as the connection's end: `ENHANCE_YOUR_CALM 'too_many_pings'` is how gRPC
  /// servers refuse keepalive PINGs sent more often than they allow.
  static func goAwayError(_ code: UInt32, debugData: String, peer: String) -> TransportError {
    var message = "\(peer) ended the connection with GOAWAY \(HTTP2ErrorCode.name(code))"
    if !debugData.isEmpty { message += " '\(debugData)'" }
    if debugData == "too_many_pings" {
      message += " (the server allows fewer keepalive PINGs than were sent)"
    }
    // gRPC clients report any GOAWAY as UNAVAILABLE; the code and data say why.
    return TransportError(.unavailable, message)
  }
}
