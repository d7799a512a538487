// nghttp2's events for the client, routed to the call that owns the stream.

extension HTTP2ClientConnection: HTTP2SessionDelegate {
  func sessionWillReceiveHeaders(streamID: Int32) {
    calls[streamID]?.willReceiveHeaders()
  }

  func sessionDidReceiveHeader(streamID: Int32, name: String, value: String) {
    calls[streamID]?.didReceiveHeader(name: name, value: value)
  }

  func sessionDidReceiveHeaders(streamID: Int32, endStream: Bool) {
    calls[streamID]?.didReceiveHeaders(endStream: endStream)
  }

  func sessionDidReceiveData(streamID: Int32, _ bytes: UnsafeRawBufferPointer) {
    calls[streamID]?.didReceiveData(bytes)
  }

  func sessionDidReceiveEndOfData(streamID: Int32) {
    calls[streamID]?.complete()
  }

  func sessionDidCloseStream(streamID: Int32, errorCode: UInt32) {
    guard let call = calls.removeValue(forKey: streamID) else { return }
    call.didClose(errorCode: errorCode, goAwayLastStreamID: goAwayLastStreamID)
    submitPending()
    onStreamCapacity?()
  }

  func sessionDidReceiveGoAway(lastStreamID: Int32, errorCode: UInt32) {
    goAwayLastStreamID = min(goAwayLastStreamID ?? Int32.max, lastStreamID)
    submitPending()
  }

  func sessionDidReceiveSettings() {
    settingsDidArrive()
  }

  func sessionDidReceivePingAck() {}

  func sessionReadBody(streamID: Int32, into buffer: UnsafeMutableRawBufferPointer)
    -> HTTP2DataChunk
  {
    guard let call = calls[streamID] else { return .bytes(0, end: .endStream) }
    return call.readRequestBody(into: buffer)
  }
}
