import CNGHTTP2

// The C callbacks. Each recovers the session from `user_data`, runs the delegate inside
// do/catch and answers nghttp2 with an error code: a Swift error never crosses into C.

extension HTTP2Session {
  /// Registers every callback in one place.
  func registerCallbacks(_ callbacks: OpaquePointer?) {
    nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, onBeginHeadersCallback)
    nghttp2_session_callbacks_set_on_header_callback(callbacks, onHeaderCallback)
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, onFrameRecvCallback)
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, onDataChunkRecvCallback)
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, onStreamCloseCallback)
    nghttp2_session_callbacks_set_data_source_read_length_callback(
      callbacks, onDataSourceReadLengthCallback)
    nghttp2_session_callbacks_set_on_frame_send_callback(callbacks, onFrameSendCallback)
    nghttp2_session_callbacks_set_error_callback2(callbacks, errorCallback)
  }

  /// Runs a delegate call for nghttp2: 0 on success, a stream reset or a fatal code on error.
  fileprivate func deliver(
    streamID: Int32, _ body: (any HTTP2SessionDelegate) throws(HTTP2CallbackError) -> Void
  ) -> Int32 {
    guard let delegate else { return 0 }
    do {
      try body(delegate)
      return 0
    } catch {
      return answer(error, streamID: streamID)
    }
  }

  fileprivate func answer(_ error: HTTP2CallbackError, streamID: Int32) -> Int32 {
    switch error {
    case .resetStream(let code):
      guard streamID > 0 else { return NGHTTP2_ERR_CALLBACK_FAILURE.rawValue }
      let result = nghttp2_submit_rst_stream(
        handle, UInt8(NGHTTP2_FLAG_NONE.rawValue), streamID, code)
      return result < 0 ? NGHTTP2_ERR_CALLBACK_FAILURE.rawValue : 0
    case .fatal(let message):
      callbackFailure = message
      return NGHTTP2_ERR_CALLBACK_FAILURE.rawValue
    }
  }

  fileprivate func frameReceived(_ frame: nghttp2_frame) -> Int32 {
    let streamID = frame.hd.stream_id
    let endStream = frame.hd.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
    switch UInt32(frame.hd.type) {
    case NGHTTP2_HEADERS.rawValue:
      return deliver(streamID: streamID) { delegate throws(HTTP2CallbackError) in
        try delegate.sessionDidReceiveHeaders(streamID: streamID, endStream: endStream)
      }
    case NGHTTP2_DATA.rawValue where endStream:
      return deliver(streamID: streamID) { delegate throws(HTTP2CallbackError) in
        try delegate.sessionDidReceiveEndOfData(streamID: streamID)
      }
    case NGHTTP2_GOAWAY.rawValue:
      let goaway = frame.goaway
      return deliver(streamID: 0) { delegate throws(HTTP2CallbackError) in
        try delegate.sessionDidReceiveGoAway(
          lastStreamID: goaway.last_stream_id, errorCode: goaway.error_code)
      }
    case NGHTTP2_SETTINGS.rawValue where frame.hd.flags & UInt8(NGHTTP2_FLAG_ACK.rawValue) == 0:
      return deliver(streamID: 0) { delegate throws(HTTP2CallbackError) in
        try delegate.sessionDidReceiveSettings()
      }
    case NGHTTP2_PING.rawValue where frame.hd.flags & UInt8(NGHTTP2_FLAG_ACK.rawValue) != 0:
      return deliver(streamID: 0) { delegate throws(HTTP2CallbackError) in
        try delegate.sessionDidReceivePingAck()
      }
    default:
      return 0
    }
  }

  fileprivate func readBody(
    streamID: Int32, into buffer: UnsafeMutableRawBufferPointer, flags: inout UInt32
  ) -> Int {
    guard let delegate else { return Int(NGHTTP2_ERR_CALLBACK_FAILURE.rawValue) }
    do {
      switch try delegate.sessionReadBody(streamID: streamID, into: buffer) {
      case .deferred:
        return Int(NGHTTP2_ERR_DEFERRED.rawValue)
      case .bytes(let count, let end):
        if let end { try finishBody(streamID: streamID, end, flags: &flags) }
        return count
      }
    } catch {
      // A failed body resets only its stream.
      return answer(error, streamID: streamID) == 0
        ? Int(NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue)
        : Int(NGHTTP2_ERR_CALLBACK_FAILURE.rawValue)
    }
  }

  private func finishBody(streamID: Int32, _ end: HTTP2BodyEnd, flags: inout UInt32)
    throws(HTTP2CallbackError)
  {
    flags |= NGHTTP2_DATA_FLAG_EOF.rawValue
    guard case .trailers(let trailers) = end else { return }
    flags |= NGHTTP2_DATA_FLAG_NO_END_STREAM.rawValue
    let result = HTTP2HeaderBlock.withNameValues(trailers) { nvs in
      nghttp2_submit_trailer(handle, streamID, nvs.baseAddress, nvs.count)
    }
    if result < 0 { throw .resetStream(NGHTTP2_INTERNAL_ERROR.rawValue) }
  }
}

/// The data source every body uses; the stream id says whose body it is.
let onDataSourceReadCallback: nghttp2_data_source_read_callback = {
  _, streamID, buffer, length, flags, _, userData in
  guard let userData, let buffer, let flags else {
    return Int(NGHTTP2_ERR_CALLBACK_FAILURE.rawValue)
  }
  let session = Unmanaged<HTTP2Session>.fromOpaque(userData).takeUnretainedValue()
  return session.readBody(
    streamID: streamID, into: UnsafeMutableRawBufferPointer(start: buffer, count: length),
    flags: &flags.pointee)
}

/// A GOAWAY with an error code that the application did not ask for means nghttp2 gave up on
/// the peer: remember why, so the connection reports a protocol error rather than a plain close.
private let onFrameSendCallback: nghttp2_on_frame_send_callback = { _, frame, userData in
  guard let userData, let frame else { return 0 }
  let session = Unmanaged<HTTP2Session>.fromOpaque(userData).takeUnretainedValue()
  if UInt32(frame.pointee.hd.type) == NGHTTP2_GOAWAY.rawValue {
    session.goAwaySent(errorCode: frame.pointee.goaway.error_code)
  }
  return 0
}

/// nghttp2's own account of what the peer did wrong, kept for the protocol error above.
private let errorCallback: nghttp2_error_callback2 = { _, _, message, length, userData in
  guard let userData, let message else { return 0 }
  let session = Unmanaged<HTTP2Session>.fromOpaque(userData).takeUnretainedValue()
  session.lastLibraryError = String(
    decoding: UnsafeRawBufferPointer(start: message, count: length), as: UTF8.self)
  return 0
}

/// DATA frames as large as the peer and the windows allow, not nghttp2's default 16 KiB: fewer
/// frames and fewer provider calls for a stream of small messages.
private let onDataSourceReadLengthCallback: nghttp2_data_source_read_length_callback = {
  _, _, _, sessionWindow, streamWindow, maxFrameSize, _ in
  max(1, min(Int(sessionWindow), Int(streamWindow), Int(maxFrameSize)))
}

private let onBeginHeadersCallback: nghttp2_on_begin_headers_callback = {
  _, frame, userData in
  guard let userData, let frame else { return NGHTTP2_ERR_CALLBACK_FAILURE.rawValue }
  let session = Unmanaged<HTTP2Session>.fromOpaque(userData).takeUnretainedValue()
  let streamID = frame.pointee.hd.stream_id
  return session.deliver(streamID: streamID) { delegate throws(HTTP2CallbackError) in
    try delegate.sessionWillReceiveHeaders(streamID: streamID)
  }
}

private let onHeaderCallback: nghttp2_on_header_callback = {
  _, frame, name, nameLength, value, valueLength, _, userData in
  guard let userData, let frame else { return NGHTTP2_ERR_CALLBACK_FAILURE.rawValue }
  let session = Unmanaged<HTTP2Session>.fromOpaque(userData).takeUnretainedValue()
  let streamID = frame.pointee.hd.stream_id
  let nameText = String(
    decoding: UnsafeBufferPointer(start: name, count: nameLength), as: UTF8.self)
  let valueText = String(
    decoding: UnsafeBufferPointer(start: value, count: valueLength), as: UTF8.self)
  return session.deliver(streamID: streamID) { delegate throws(HTTP2CallbackError) in
    try delegate.sessionDidReceiveHeader(streamID: streamID, name: nameText, value: valueText)
  }
}

private let onFrameRecvCallback: nghttp2_on_frame_recv_callback = { _, frame, userData in
  guard let userData, let frame else { return NGHTTP2_ERR_CALLBACK_FAILURE.rawValue }
  let session = Unmanaged<HTTP2Session>.fromOpaque(userData).takeUnretainedValue()
  return session.frameReceived(frame.pointee)
}

private let onDataChunkRecvCallback: nghttp2_on_data_chunk_recv_callback = {
  _, _, streamID, data, length, userData in
  guard let userData else { return NGHTTP2_ERR_CALLBACK_FAILURE.rawValue }
  let session = Unmanaged<HTTP2Session>.fromOpaque(userData).takeUnretainedValue()
  let bytes = UnsafeRawBufferPointer(start: data, count: length)
  return session.deliver(streamID: streamID) { delegate throws(HTTP2CallbackError) in
    try delegate.sessionDidReceiveData(streamID: streamID, bytes)
  }
}

private let onStreamCloseCallback: nghttp2_on_stream_close_callback = {
  _, streamID, errorCode, userData in
  guard let userData else { return NGHTTP2_ERR_CALLBACK_FAILURE.rawValue }
  let session = Unmanaged<HTTP2Session>.fromOpaque(userData).takeUnretainedValue()
  return session.deliver(streamID: 0) { delegate throws(HTTP2CallbackError) in
    try delegate.sessionDidCloseStream(streamID: streamID, errorCode: errorCode)
  }
}
