import CNGHTTP2
import RouteGuideProtocol

/// Which end of the connection an HTTP2Session plays.
enum HTTP2Role {
  case client
  case server
}

/// One nghttp2_session in the client or server role: bytes in, bytes out, frames submitted.
///
/// Lives on the loop thread. nghttp2 calls back into `delegate` only from inside `receive` and
/// `appendOutput`; the C callbacks are in HTTP2Session+Callbacks.swift.
final class HTTP2Session {
  /// What the session advertises in its first SETTINGS frame.
  struct Settings {
    var maxConcurrentStreams: UInt32?
    var initialWindowSize: UInt32 = 1 << 20
    var connectionWindowSize: Int32 = 16 << 20
    var maxFrameSize: UInt32 = 1 << 16
  }

  let role: HTTP2Role
  weak var delegate: (any HTTP2SessionDelegate)?
  /// What a fatal delegate error said, so the CALLBACK_FAILURE nghttp2 returns can name it.
  var callbackFailure: String?
  private(set) var handle: OpaquePointer?
  /// nghttp2's last complaint about the peer (from its error callback).
  var lastLibraryError: String?
  /// Why nghttp2 ended the connection with an error GOAWAY of its own; nil if it did not.
  private(set) var connectionFailure: String?

  init(role: HTTP2Role, settings: Settings) throws(TransportError) {
    self.role = role
    var callbacks: OpaquePointer?
    try check(nghttp2_session_callbacks_new(&callbacks), "nghttp2_session_callbacks_new")
    defer { nghttp2_session_callbacks_del(callbacks) }
    registerCallbacks(callbacks)
    var option: OpaquePointer?
    try check(nghttp2_option_new(&option), "nghttp2_option_new")
    defer { nghttp2_option_del(option) }
    // The contract says 100 until the peer's SETTINGS arrive; nghttp2 would assume unlimited.
    nghttp2_option_set_peer_max_concurrent_streams(option, 100)
    let userData = Unmanaged.passUnretained(self).toOpaque()
    var session: OpaquePointer?
    switch role {
    case .client:
      try check(
        nghttp2_session_client_new2(&session, callbacks, userData, option),
        "nghttp2_session_client_new2")
    case .server:
      try check(
        nghttp2_session_server_new2(&session, callbacks, userData, option),
        "nghttp2_session_server_new2")
    }
    handle = session
    try submitSettings(settings)
  }

  deinit {
    nghttp2_session_del(handle)
  }

  private func submitSettings(_ settings: Settings) throws(TransportError) {
    var entries = [
      nghttp2_settings_entry(
        settings_id: Int32(NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE.rawValue),
        value: settings.initialWindowSize),
      nghttp2_settings_entry(
        settings_id: Int32(NGHTTP2_SETTINGS_MAX_FRAME_SIZE.rawValue), value: settings.maxFrameSize),
    ]
    if role == .client {
      entries.append(
        nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_ENABLE_PUSH.rawValue), value: 0))
    }
    if let streams = settings.maxConcurrentStreams {
      entries.append(
        nghttp2_settings_entry(
          settings_id: Int32(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS.rawValue), value: streams))
    }
    try check(
      nghttp2_submit_settings(handle, UInt8(NGHTTP2_FLAG_NONE.rawValue), entries, entries.count),
      "nghttp2_submit_settings")
    try check(
      nghttp2_session_set_local_window_size(
        handle, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, settings.connectionWindowSize),
      "nghttp2_session_set_local_window_size")
  }

  /// Feeds received bytes to nghttp2, which calls the delegate for each event in them.
  func receive(_ bytes: UnsafeRawBufferPointer) throws(TransportError) {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    let consumed = nghttp2_session_mem_recv(
      handle, base.assumingMemoryBound(to: UInt8.self), bytes.count)
    try check(consumed, "nghttp2_session_mem_recv")
  }

  /// Appends serialized frames to `buffer` until nghttp2 has nothing more or `limit` is reached.
  func appendOutput(to buffer: inout [UInt8], limit: Int) throws(TransportError) {
    while buffer.count < limit {
      var data: UnsafePointer<UInt8>?
      let count = nghttp2_session_mem_send(handle, &data)
      try check(count, "nghttp2_session_mem_send")
      guard count > 0, let data else { return }
      buffer.append(contentsOf: UnsafeBufferPointer(start: data, count: count))
    }
  }

  /// nghttp2 still expects frames from the peer (false once GOAWAY is done with and idle).
  var wantsRead: Bool { nghttp2_session_want_read(handle) != 0 }
  /// nghttp2 has frames to send that flow control allows.
  var wantsWrite: Bool { nghttp2_session_want_write(handle) != 0 }

  /// The peer's SETTINGS_MAX_CONCURRENT_STREAMS (100 until its SETTINGS arrive).
  var remoteMaxConcurrentStreams: UInt32 {
    nghttp2_session_get_remote_settings(handle, NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS)
  }

  /// The highest stream id the peer opened that this session handed to the application.
  var lastProcessedStreamID: Int32 { nghttp2_session_get_last_proc_stream_id(handle) }

  func goAwaySent(errorCode: UInt32) {
    guard errorCode != HTTP2ErrorCode.noError, connectionFailure == nil else { return }
    let reason = lastLibraryError.map { ": \($0)" } ?? ""
    connectionFailure =
      "HTTP/2 protocol error\(reason) (sent GOAWAY \(HTTP2ErrorCode.name(errorCode)))"
  }

  /// Turns a negative nghttp2 return value into a TransportError naming the function.
  func check<Code: BinaryInteger>(_ result: Code, _ function: String) throws(TransportError) {
    guard result < 0 else { return }
    let code = Int32(truncatingIfNeeded: result)
    var message = "\(function): \(String(cString: nghttp2_strerror(code)))"
    if code == NGHTTP2_ERR_CALLBACK_FAILURE.rawValue, let callbackFailure {
      message = callbackFailure
    }
    throw TransportError(.protocolError, message)
  }
}
