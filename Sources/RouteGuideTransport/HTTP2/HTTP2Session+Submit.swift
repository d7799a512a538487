import CNGHTTP2
import RouteGuideProtocol

// Frames the application asks for. nghttp2 queues them; the pump sends them on its next flush.
// None of these may run while nghttp2 is on the stack (HTTP2Session+Guard.swift).

extension HTTP2Session {
  /// Opens a stream with `headers` and a body read through the delegate; returns its id.
  func submitRequest(_ headers: [(name: String, value: String)]) throws(TransportError) -> Int32 {
    try checkNotInsideLibrary("nghttp2_submit_request")
    var provider = nghttp2_data_provider()
    provider.read_callback = onDataSourceReadCallback
    let streamID = HTTP2HeaderBlock.withNameValues(headers) { nvs in
      nghttp2_submit_request(handle, nil, nvs.baseAddress, nvs.count, &provider, nil)
    }
    try check(streamID, "nghttp2_submit_request")
    return streamID
  }

  /// Sends response headers; with `hasBody` false they end the stream (Trailers-Only).
  func submitResponse(streamID: Int32, _ headers: [(name: String, value: String)], hasBody: Bool)
    throws(TransportError)
  {
    try checkNotInsideLibrary("nghttp2_submit_response")
    var provider = nghttp2_data_provider()
    provider.read_callback = onDataSourceReadCallback
    let result = HTTP2HeaderBlock.withNameValues(headers) { nvs in
      hasBody
        ? nghttp2_submit_response(handle, streamID, nvs.baseAddress, nvs.count, &provider)
        : nghttp2_submit_response(handle, streamID, nvs.baseAddress, nvs.count, nil)
    }
    try check(result, "nghttp2_submit_response")
  }

  /// Submits the trailers data providers asked for; true if there were any.
  func submitPendingTrailers() throws(TransportError) -> Bool {
    guard !pendingTrailers.isEmpty else { return false }
    try checkNotInsideLibrary("nghttp2_submit_trailer")
    let waiting = pendingTrailers
    pendingTrailers = []
    for (streamID, fields) in waiting {
      let result = HTTP2HeaderBlock.withNameValues(fields) { nvs in
        nghttp2_submit_trailer(handle, streamID, nvs.baseAddress, nvs.count)
      }
      // The stream cannot end in order without its trailers: reset it instead.
      if result < 0 { try resetStream(streamID: streamID, HTTP2ErrorCode.internalError) }
    }
    return true
  }

  /// Opens `count` bytes of the connection window again (manual flow control).
  func consumeConnection(_ count: Int) throws(TransportError) {
    try checkNotInsideLibrary("nghttp2_session_consume_connection")
    try check(
      nghttp2_session_consume_connection(handle, count), "nghttp2_session_consume_connection")
  }

  /// Opens `count` bytes of a stream's window again (manual flow control); a stream that is
  /// gone needs nothing.
  func consumeStream(_ streamID: Int32, _ count: Int) throws(TransportError) {
    try checkNotInsideLibrary("nghttp2_session_consume_stream")
    let result = nghttp2_session_consume_stream(handle, streamID, count)
    guard result != NGHTTP2_ERR_INVALID_ARGUMENT.rawValue else { return }
    try check(result, "nghttp2_session_consume_stream")
  }

  /// Wakes a body that answered `.deferred`.
  func resumeData(streamID: Int32) throws(TransportError) {
    try checkNotInsideLibrary("nghttp2_session_resume_data")
    try check(nghttp2_session_resume_data(handle, streamID), "nghttp2_session_resume_data")
  }

  func resetStream(streamID: Int32, _ code: UInt32) throws(TransportError) {
    try checkNotInsideLibrary("nghttp2_submit_rst_stream")
    try check(
      nghttp2_submit_rst_stream(handle, UInt8(NGHTTP2_FLAG_NONE.rawValue), streamID, code),
      "nghttp2_submit_rst_stream")
  }

  /// The first GOAWAY of a graceful shutdown: no new streams, the last id still open.
  func submitShutdownNotice() throws(TransportError) {
    try checkNotInsideLibrary("nghttp2_submit_shutdown_notice")
    try check(nghttp2_submit_shutdown_notice(handle), "nghttp2_submit_shutdown_notice")
  }

  /// GOAWAY with `code` and, if given, debug data (e.g. `too_many_pings`).
  func submitGoAway(lastStreamID: Int32, _ code: UInt32, debugData: String = "")
    throws(TransportError)
  {
    try checkNotInsideLibrary("nghttp2_submit_goaway")
    let bytes = Array(debugData.utf8)
    try check(
      nghttp2_submit_goaway(
        handle, UInt8(NGHTTP2_FLAG_NONE.rawValue), lastStreamID, code, bytes, bytes.count),
      "nghttp2_submit_goaway")
  }

  /// GOAWAY with `code` and `debugData`, after which the session wants nothing more, open
  /// streams or not: the pump closes once it is written. (nghttp2's own terminate carries no
  /// debug data, and gRPC clients read it, e.g. `too_many_pings`.)
  func submitFinalGoAway(_ code: UInt32, debugData: String) throws(TransportError) {
    try submitGoAway(lastStreamID: lastProcessedStreamID, code, debugData: debugData)
    finalGoAwayCode = code
  }

  /// GOAWAY, after which nghttp2 wants nothing more: the pump closes once it is flushed.
  func terminate(_ code: UInt32) throws(TransportError) {
    try checkNotInsideLibrary("nghttp2_session_terminate_session")
    try check(nghttp2_session_terminate_session(handle, code), "nghttp2_session_terminate_session")
  }

  /// A PING; `payload` comes back in the ACK.
  func submitPing(payload: UInt64 = 0) throws(TransportError) {
    try checkNotInsideLibrary("nghttp2_submit_ping")
    var bytes = payload.bigEndian
    let result = withUnsafeBytes(of: &bytes) { raw in
      nghttp2_submit_ping(
        handle, UInt8(NGHTTP2_FLAG_NONE.rawValue),
        raw.baseAddress?.assumingMemoryBound(to: UInt8.self))
    }
    try check(result, "nghttp2_submit_ping")
  }
}
