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
  /// Streams whose header block was over the session's limit.
  var oversized: Set<Int32> = []
  /// Every GOAWAY received, in order.
  var goAways: [(lastStreamID: Int32, errorCode: UInt32)] = []
  /// PINGs received (not ACKs), and ACKs of ours.
  var pings = 0
  var pingAcks = 0
  /// Server role: called when a request's headers are complete.
  var onRequest: ((RawHTTP2Peer, Int32) -> Void)?

  /// Whether nghttp2 was on the stack when each event (other than a body read) came in.
  var eventsInsideLibrary = 0
  var eventCount = 0
  /// Runs inside every body read (tests of the re-entry guard).
  var onReadBody: ((RawHTTP2Peer) -> Void)?

  init(
    role: HTTP2Role = .client, stream: any ByteStream, loop: EventLoop,
    settings: HTTP2Session.Settings = HTTP2Session.Settings()
  ) throws {
    session = try HTTP2Session(role: role, settings: settings)
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

  private func noteEvent() {
    eventCount += 1
    if session.activeLibraryCall != nil { eventsInsideLibrary += 1 }
  }

  func sessionDidReceiveHeaders(
    streamID: Int32, _ fields: [(name: String, value: String)], endStream: Bool
  ) {
    noteEvent()
    headers[streamID, default: []].append(contentsOf: fields)
    if session.role == .server { onRequest?(self, streamID) }
  }

  func sessionDidReceiveOversizedHeaders(streamID: Int32, endStream: Bool) {
    noteEvent()
    oversized.insert(streamID)
  }

  func sessionDidReceiveData(streamID: Int32, _ bytes: UnsafeRawBufferPointer) {
    noteEvent()
    data[streamID, default: []].append(contentsOf: bytes)
  }

  func sessionDidReceiveEndOfData(streamID: Int32) { noteEvent() }

  func sessionDidCloseStream(streamID: Int32, errorCode: UInt32) {
    noteEvent()
    closed[streamID] = errorCode
  }

  func sessionDidReceiveGoAway(lastStreamID: Int32, errorCode: UInt32) {
    noteEvent()
    goAways.append((lastStreamID, errorCode))
  }

  func sessionDidReceiveSettings() { noteEvent() }

  func sessionDidReceivePingAck() {
    noteEvent()
    pingAcks += 1
  }

  func sessionDidReceivePing() {
    noteEvent()
    pings += 1
  }

  /// Sends a PING.
  func ping() throws {
    try session.submitPing()
    pump.flushSoon()
  }

  func sessionReadBody(streamID: Int32, into buffer: UnsafeMutableRawBufferPointer)
    -> HTTP2DataChunk
  {
    onReadBody?(self)
    let pending = body[streamID] ?? []
    let count = min(pending.count, buffer.count)
    pending.withUnsafeBytes {
      buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[..<count]))
    }
    body[streamID] = Array(pending.dropFirst(count))
    return .bytes(count, end: count == pending.count ? (bodyEnd[streamID] ?? .endStream) : nil)
  }
}
