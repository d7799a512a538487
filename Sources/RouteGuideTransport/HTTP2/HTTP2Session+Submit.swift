import CNGHTTP2

// Frames the application asks for. nghttp2 queues them; the pump sends them on its next flush.

extension HTTP2Session {
  /// Opens a stream with `headers` and a body read through the delegate; returns its id.
  func submitRequest(_ headers: [(name: String, value: String)]) throws(TransportError) -> Int32 {
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
    var provider = nghttp2_data_provider()
    provider.read_callback = onDataSourceReadCallback
    let result = HTTP2HeaderBlock.withNameValues(headers) { nvs in
      hasBody
        ? nghttp2_submit_response(handle, streamID, nvs.baseAddress, nvs.count, &provider)
        : nghttp2_submit_response(handle, streamID, nvs.baseAddress, nvs.count, nil)
    }
    try check(result, "nghttp2_submit_response")
  }

  /// Wakes a body that answered `.deferred`.
  func resumeData(streamID: Int32) throws(TransportError) {
    try check(nghttp2_session_resume_data(handle, streamID), "nghttp2_session_resume_data")
  }

  func resetStream(streamID: Int32, _ code: UInt32) throws(TransportError) {
    try check(
      nghttp2_submit_rst_stream(handle, UInt8(NGHTTP2_FLAG_NONE.rawValue), streamID, code),
      "nghttp2_submit_rst_stream")
  }

  /// The first GOAWAY of a graceful shutdown: no new streams, the last id still open.
  func submitShutdownNotice() throws(TransportError) {
    try check(nghttp2_submit_shutdown_notice(handle), "nghttp2_submit_shutdown_notice")
  }

  func submitGoAway(lastStreamID: Int32, _ code: UInt32) throws(TransportError) {
    try check(
      nghttp2_submit_goaway(
        handle, UInt8(NGHTTP2_FLAG_NONE.rawValue), lastStreamID, code, nil, 0),
      "nghttp2_submit_goaway")
  }

  /// GOAWAY, after which nghttp2 wants nothing more: the pump closes once it is flushed.
  func terminate(_ code: UInt32) throws(TransportError) {
    try check(nghttp2_session_terminate_session(handle, code), "nghttp2_session_terminate_session")
  }

  func submitPing() throws(TransportError) {
    try check(
      nghttp2_submit_ping(handle, UInt8(NGHTTP2_FLAG_NONE.rawValue), nil), "nghttp2_submit_ping")
  }
}
