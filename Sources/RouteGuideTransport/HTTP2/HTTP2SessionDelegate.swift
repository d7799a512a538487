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

/// A failure a delegate reports from inside an nghttp2 callback.
enum HTTP2CallbackError: Error {
  /// Reset this stream with the code; the connection lives on.
  case resetStream(UInt32)
  /// The connection cannot go on; the message says why.
  case fatal(String)
}

/// Receives the events of an HTTP2Session; every method runs inside an nghttp2 call.
///
/// Implementations must not release the session from inside these methods: the session is
/// still on the C stack.
protocol HTTP2SessionDelegate: AnyObject {
  /// A HEADERS block starts on `streamID` (a new request on a server).
  func sessionWillReceiveHeaders(streamID: Int32) throws(HTTP2CallbackError)
  func sessionDidReceiveHeader(streamID: Int32, name: String, value: String)
    throws(HTTP2CallbackError)
  /// The HEADERS block is complete; `endStream` when the peer ended its side with it.
  func sessionDidReceiveHeaders(streamID: Int32, endStream: Bool) throws(HTTP2CallbackError)
  func sessionDidReceiveData(streamID: Int32, _ bytes: UnsafeRawBufferPointer)
    throws(HTTP2CallbackError)
  /// A DATA frame with END_STREAM arrived (after its bytes were delivered).
  func sessionDidReceiveEndOfData(streamID: Int32) throws(HTTP2CallbackError)
  /// The stream is closed; `errorCode` is the RST_STREAM code, or NO_ERROR for a clean close.
  func sessionDidCloseStream(streamID: Int32, errorCode: UInt32) throws(HTTP2CallbackError)
  func sessionDidReceiveGoAway(lastStreamID: Int32, errorCode: UInt32) throws(HTTP2CallbackError)
  func sessionDidReceiveSettings() throws(HTTP2CallbackError)
  func sessionDidReceivePingAck() throws(HTTP2CallbackError)
  /// Copies body bytes for `streamID` into `buffer` (at most its count).
  func sessionReadBody(streamID: Int32, into buffer: UnsafeMutableRawBufferPointer)
    throws(HTTP2CallbackError) -> HTTP2DataChunk
}
