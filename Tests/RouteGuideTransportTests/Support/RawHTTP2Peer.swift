@testable import RouteGuideTransport

/// A bare HTTP/2 peer on the transport's own session and pump, for frames rg never sends:
/// odd requests as a client, odd responses (HTTP errors, resets, compressed messages) as a server.
final class RawHTTP2Peer: HTTP2SessionDelegate {
  let session: HTTP2Session
  let pump: HTTP2Pump
  var headers: [Int32: [(name: String, value: String)]] = [:]
  var data: [Int32: [UInt8]] = [:]
  var closed: [Int32: UInt32] = [:]
  var body: [Int32: [UInt8]] = [:]
  var bodyEnd: [Int32: HTTP2BodyEnd] = [:]
  var closeError: TransportError??
  /// Server role: called when a request's headers are complete.
  var onRequest: ((RawHTTP2Peer, Int32) -> Void)?

  init(role: HTTP2Role = .client, stream: any ByteStream, loop: EventLoop) throws {
    session = try HTTP2Session(role: role, settings: HTTP2Session.Settings())
    pump = HTTP2Pump(stream: stream, loop: loop, session: session)
    session.delegate = self
    pump.onClose = { [unowned self] error in closeError = .some(error) }
    pump.start()
  }

  /// Sends `requestHeaders` with `requestBody` and END_STREAM.
  @discardableResult
  func request(_ requestHeaders: [(name: String, value: String)], body requestBody: [UInt8] = [])
    throws -> Int32
  {
    let id = try session.submitRequest(requestHeaders)
    body[id] = requestBody
    pump.flushSoon()
    return id
  }

  /// Answers `streamID` with headers and, if given, a body ending as `end` says.
  func respond(
    _ streamID: Int32, _ responseHeaders: [(name: String, value: String)],
    body responseBody: [UInt8]? = nil, end: HTTP2BodyEnd = .endStream
  ) throws {
    body[streamID] = responseBody
    bodyEnd[streamID] = end
    try session.submitResponse(streamID: streamID, responseHeaders, hasBody: responseBody != nil)
    pump.flushSoon()
  }

  func reset(_ streamID: Int32, _ code: UInt32) throws {
    try session.resetStream(streamID: streamID, code)
    pump.flushSoon()
  }

  func value(_ name: String, on streamID: Int32) -> String? {
    headers[streamID]?.first { $0.name == name }?.value
  }

  func sessionWillReceiveHeaders(streamID: Int32) {}

  func sessionDidReceiveHeader(streamID: Int32, name: String, value: String) {
    headers[streamID, default: []].append((name, value))
  }

  func sessionDidReceiveHeaders(streamID: Int32, endStream: Bool) {
    if session.role == .server { onRequest?(self, streamID) }
  }

  func sessionDidReceiveData(streamID: Int32, _ bytes: UnsafeRawBufferPointer) {
    data[streamID, default: []].append(contentsOf: bytes)
  }

  func sessionDidReceiveEndOfData(streamID: Int32) {}

  func sessionDidCloseStream(streamID: Int32, errorCode: UInt32) {
    closed[streamID] = errorCode
  }

  func sessionDidReceiveGoAway(lastStreamID: Int32, errorCode: UInt32) {}
  func sessionDidReceiveSettings() {}
  func sessionDidReceivePingAck() {}

  func sessionReadBody(streamID: Int32, into buffer: UnsafeMutableRawBufferPointer)
    -> HTTP2DataChunk
  {
    let pending = body[streamID] ?? []
    let count = min(pending.count, buffer.count)
    pending.withUnsafeBytes {
      buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[..<count]))
    }
    body[streamID] = Array(pending.dropFirst(count))
    return .bytes(count, end: count == pending.count ? (bodyEnd[streamID] ?? .endStream) : nil)
  }
}
