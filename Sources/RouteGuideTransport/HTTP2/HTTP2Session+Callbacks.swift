import CNGHTTP2

// The C callbacks. Each recovers the session from `user_data` and only records what happened
// (HTTP2EventQueue); nothing here calls nghttp2 or the delegate, except the data provider,
// which copies request or response bytes and must not do more (HTTP2SessionDelegate).
// A Swift error never crosses into C.

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
    nghttp2_session_callbacks_set_on_frame_not_send_callback(callbacks, onFrameNotSendCallback)
    nghttp2_session_callbacks_set_error_callback2(callbacks, errorCallback)
  }

  fileprivate func frameReceived(_ frame: nghttp2_frame) {
    let streamID = frame.hd.stream_id
    let endStream = frame.hd.flags & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
    let isAck = frame.hd.flags & UInt8(NGHTTP2_FLAG_ACK.rawValue) != 0
    switch UInt32(frame.hd.type) {
    case NGHTTP2_HEADERS.rawValue:
      guard incomingHeaders.streamID == streamID else { return }
      let oversized = incomingHeaders.isOversized
      events.append(
        .headers(
          streamID: streamID, fields: incomingHeaders.finish(), endStream: endStream,
          oversized: oversized))
    case NGHTTP2_DATA.rawValue where endStream:
      events.append(.endOfData(streamID: streamID))
    case NGHTTP2_GOAWAY.rawValue:
      let debug = UnsafeBufferPointer(
        start: frame.goaway.opaque_data,
        count: frame.goaway.opaque_data == nil ? 0 : Int(frame.goaway.opaque_data_len))
      receivedGoAwayDebugData = String(
        decoding: debug.prefix(200).map { (0x20..<0x7F).contains($0) ? $0 : UInt8(ascii: "?") },
        as: UTF8.self)
      events.append(
        .goAway(lastStreamID: frame.goaway.last_stream_id, errorCode: frame.goaway.error_code))
    case NGHTTP2_SETTINGS.rawValue where !isAck:
      events.append(.settings)
    case NGHTTP2_PING.rawValue where isAck:
      events.append(.pingAck)
    case NGHTTP2_PING.rawValue:
      events.append(.ping)
    case NGHTTP2_RST_STREAM.rawValue:
      events.append(.peerReset(streamID: streamID))
    default:
      break
    }
  }

  /// The data provider, answered on the spot: nghttp2 is waiting for the bytes.
  fileprivate func readBody(
    streamID: Int32, into buffer: UnsafeMutableRawBufferPointer, flags: inout UInt32
  ) -> Int {
    guard let delegate else { return Int(NGHTTP2_ERR_CALLBACK_FAILURE.rawValue) }
    switch delegate.sessionReadBody(streamID: streamID, into: buffer) {
    case .deferred:
      return Int(NGHTTP2_ERR_DEFERRED.rawValue)
    case .bytes(let count, let end):
      guard let end else { return count }
      flags |= NGHTTP2_DATA_FLAG_EOF.rawValue
      if case .trailers(let trailers) = end {
        // Submitted once mem_send has returned (appendOutput); until then nghttp2 keeps the
        // stream open, waiting for them.
        flags |= NGHTTP2_DATA_FLAG_NO_END_STREAM.rawValue
        pendingTrailers.append((streamID, trailers))
      }
      return count
    }
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
/// HEADERS and DATA are noted for the server's keepalive policy (pings while data flows are
/// fair).
private let onFrameSendCallback: nghttp2_on_frame_send_callback = { _, frame, userData in
  guard let userData, let frame else { return 0 }
  let session = Unmanaged<HTTP2Session>.fromOpaque(userData).takeUnretainedValue()
  switch UInt32(frame.pointee.hd.type) {
  case NGHTTP2_GOAWAY.rawValue:
    session.goAwaySent(errorCode: frame.pointee.goaway.error_code)
  case NGHTTP2_HEADERS.rawValue, NGHTTP2_DATA.rawValue:
    session.sentHeadersOrData = true
  default:
    break
  }
  return 0
}

/// A request or response whose HEADERS nghttp2 refused to send: the stream closes without a
/// word on the wire, so the application must hear why.
private let onFrameNotSendCallback: nghttp2_on_frame_not_send_callback = {
  _, frame, errorCode, userData in
  guard let userData, let frame else { return 0 }
  guard UInt32(frame.pointee.hd.type) == NGHTTP2_HEADERS.rawValue else { return 0 }
  let session = Unmanaged<HTTP2Session>.fromOpaque(userData).takeUnretainedValue()
  let reason = HTTP2SendFailure(
    notAllowed: errorCode == NGHTTP2_ERR_START_STREAM_NOT_ALLOWED.rawValue,
    text: String(cString: nghttp2_strerror(errorCode)))
  session.events.append(.headersNotSent(streamID: frame.pointee.hd.stream_id, reason: reason))
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
  session.incomingHeaders.begin(streamID: frame.pointee.hd.stream_id)
  return 0
}

private let onHeaderCallback: nghttp2_on_header_callback = {
  _, frame, name, nameLength, value, valueLength, _, userData in
  guard let userData, let frame else { return NGHTTP2_ERR_CALLBACK_FAILURE.rawValue }
  let session = Unmanaged<HTTP2Session>.fromOpaque(userData).takeUnretainedValue()
  guard session.incomingHeaders.streamID == frame.pointee.hd.stream_id else { return 0 }
  session.incomingHeaders.add(
    name: UnsafeBufferPointer(start: name, count: nameLength),
    value: UnsafeBufferPointer(start: value, count: valueLength))
  return 0
}

private let onFrameRecvCallback: nghttp2_on_frame_recv_callback = { _, frame, userData in
  guard let userData, let frame else { return NGHTTP2_ERR_CALLBACK_FAILURE.rawValue }
  let session = Unmanaged<HTTP2Session>.fromOpaque(userData).takeUnretainedValue()
  session.frameReceived(frame.pointee)
  return 0
}

private let onDataChunkRecvCallback: nghttp2_on_data_chunk_recv_callback = {
  _, _, streamID, data, length, userData in
  guard let userData else { return NGHTTP2_ERR_CALLBACK_FAILURE.rawValue }
  let session = Unmanaged<HTTP2Session>.fromOpaque(userData).takeUnretainedValue()
  session.events.appendData(
    streamID: streamID, UnsafeRawBufferPointer(start: data, count: length))
  return 0
}

private let onStreamCloseCallback: nghttp2_on_stream_close_callback = {
  _, streamID, errorCode, userData in
  guard let userData else { return NGHTTP2_ERR_CALLBACK_FAILURE.rawValue }
  let session = Unmanaged<HTTP2Session>.fromOpaque(userData).takeUnretainedValue()
  session.events.append(.streamClosed(streamID: streamID, errorCode: errorCode))
  return 0
}
