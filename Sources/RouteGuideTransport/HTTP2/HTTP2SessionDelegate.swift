/// What a data provider hands nghttp2 for one DATA frame.
enum HTTP2DataChunk {
  /// Nothing buffered yet: nghttp2 parks the stream until `resumeData`.
  case deferred
  /// `count` bytes were copied; `end` says whether the body ends with them, and how.
  case bytes(Int, end: HTTP2BodyEnd?)
}

/// How a request or response body ends.
enum HTTP2BodyEnd {
  /// END_STREAM on the last DATA frame.
  case endStream
  /// A trailing HEADERS block that carries END_STREAM (gRPC status on the server side).
  case trailers([(name: String, value: String)])
}

/// Why nghttp2 did not send a HEADERS frame.
struct HTTP2SendFailure {
  /// New streams are not allowed any more (GOAWAY was received or sent): the peer never saw
  /// the request.
  var notAllowed: Bool
  /// nghttp2's words for it.
  var text: String
}

/// A failure a delegate reports while handling a session event.
enum HTTP2CallbackError: Error {
  /// Reset this stream with the code; the connection lives on.
  case resetStream(UInt32)
  /// The connection cannot go on; the message says why.
  case fatal(String)
}

/// Receives the events of an HTTP2Session.
///
/// Every method but `sessionReadBody` runs after nghttp2 has returned (HTTP2Session+Dispatch),
/// so it may submit frames, reset streams or close the connection. `sessionReadBody` runs
/// inside nghttp2 and must only copy bytes: it must not call the session, directly or through
/// anything it calls (the guard traps on that in debug builds).
protocol HTTP2SessionDelegate: AnyObject {
  /// A complete HEADERS block; `endStream` when the peer ended its side with it.
  func sessionDidReceiveHeaders(
    streamID: Int32, _ fields: [(name: String, value: String)], endStream: Bool
  ) throws(HTTP2CallbackError)
  /// A HEADERS block larger than SETTINGS_MAX_HEADER_LIST_SIZE; its fields were dropped.
  func sessionDidReceiveOversizedHeaders(streamID: Int32, endStream: Bool)
    throws(HTTP2CallbackError)
  func sessionDidReceiveData(streamID: Int32, _ bytes: UnsafeRawBufferPointer)
    throws(HTTP2CallbackError)
  /// A DATA frame with END_STREAM arrived (after its bytes were delivered).
  func sessionDidReceiveEndOfData(streamID: Int32) throws(HTTP2CallbackError)
  /// The stream is closed; `errorCode` is the RST_STREAM code, or NO_ERROR for a clean close.
  func sessionDidCloseStream(streamID: Int32, errorCode: UInt32) throws(HTTP2CallbackError)
  func sessionDidReceiveGoAway(lastStreamID: Int32, errorCode: UInt32) throws(HTTP2CallbackError)
  func sessionDidReceiveSettings() throws(HTTP2CallbackError)
  func sessionDidReceivePingAck() throws(HTTP2CallbackError)
  /// A PING from the peer, already answered by nghttp2 (servers count them: keepalive policy).
  func sessionDidReceivePing() throws(HTTP2CallbackError)
  /// The peer reset `streamID` (its close follows as `sessionDidCloseStream`).
  func sessionDidReceiveReset(streamID: Int32) throws(HTTP2CallbackError)
  /// HEADERS for `streamID` could not be sent; its close follows.
  func sessionDidFailToSendHeaders(streamID: Int32, reason: HTTP2SendFailure)
    throws(HTTP2CallbackError)
  /// Copies body bytes for `streamID` into `buffer` (at most its count). Runs inside nghttp2.
  func sessionReadBody(streamID: Int32, into buffer: UnsafeMutableRawBufferPointer)
    -> HTTP2DataChunk
}

extension HTTP2SessionDelegate {
  func sessionDidReceivePing() {}
  func sessionDidReceiveReset(streamID: Int32) {}
  func sessionDidFailToSendHeaders(streamID: Int32, reason: HTTP2SendFailure) {}
}
