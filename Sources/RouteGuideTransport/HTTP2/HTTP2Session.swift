import CNGHTTP2
import RouteGuideProtocol

/// Which end of the connection an HTTP2Session plays.
enum HTTP2Role {
  case client
  case server
}

/// One nghttp2_session in the client or server role: bytes in, bytes out, frames submitted.
///
/// nghttp2 must never be entered from inside one of its own callbacks (DESIGN §3): its
/// callbacks only record what happened (HTTP2Session+Callbacks.swift), and `dispatchEvents`
/// hands the record to the delegate once `receive` or `appendOutput` has returned. A guard
/// traps in debug builds (and fails the call in release builds) on any re-entry.
final class HTTP2Session {
  /// What the session advertises in its first SETTINGS frame.
  struct Settings {
    var maxConcurrentStreams: UInt32?
    var initialWindowSize: UInt32 = 1 << 20
    var connectionWindowSize: Int32 = 16 << 20
    var maxFrameSize: UInt32 = 1 << 16
    /// SETTINGS_MAX_HEADER_LIST_SIZE, enforced on every received header block: a larger
    /// block is dropped field by field as it is decoded (HPACK can inflate a few bytes into
    /// megabytes) and reported whole as oversized.
    var maxHeaderListSize: UInt32 = 16 << 10
    /// Stream windows are opened by `consumeStream` as the application takes the data, not
    /// by nghttp2 as it arrives (the connection window still opens at once): a call that
    /// stops taking requests stops its client by flow control.
    var manualStreamFlowControl = false
  }

  let role: HTTP2Role
  weak var delegate: (any HTTP2SessionDelegate)?
  private(set) var handle: OpaquePointer?
  /// nghttp2's last complaint about the peer (from its error callback).
  var lastLibraryError: String?
  /// Why nghttp2 ended the connection with an error GOAWAY of its own; nil if it did not.
  private(set) var connectionFailure: String?
  /// The name of the nghttp2 function running now; nil when nghttp2 is not on the stack.
  var activeLibraryCall: StaticString?
  /// What the callbacks recorded, waiting for `dispatchEvents`.
  var events = HTTP2EventQueue()
  /// `dispatchEvents` is running.
  var isDispatching = false
  /// The header block being received (blocks never interleave on a connection).
  var incomingHeaders: HTTP2IncomingHeaders
  /// Trailers a data provider asked for, submitted once nghttp2 has returned.
  var pendingTrailers: [(streamID: Int32, fields: [(name: String, value: String)])] = []
  let maxHeaderListSize: Int
  let manualStreamFlowControl: Bool
  /// HEADERS or DATA went out since the owner last cleared this (keepalive policy).
  var sentHeadersOrData = false
  /// The error code of a GOAWAY that ends the session once sent (`submitFinalGoAway`).
  var finalGoAwayCode: UInt32?
  /// The debug data of the last GOAWAY received (printable ASCII, e.g. `too_many_pings`).
  var receivedGoAwayDebugData = ""
  /// That GOAWAY is out: nothing more is read, written or sent.
  private(set) var finalGoAwaySent = false

  init(role: HTTP2Role, settings: Settings) throws(TransportError) {
    self.role = role
    maxHeaderListSize = Int(settings.maxHeaderListSize)
    manualStreamFlowControl = settings.manualStreamFlowControl
    incomingHeaders = HTTP2IncomingHeaders(limit: Int(settings.maxHeaderListSize))
    var callbacks: OpaquePointer?
    try check(nghttp2_session_callbacks_new(&callbacks), "nghttp2_session_callbacks_new")
    defer { nghttp2_session_callbacks_del(callbacks) }
    registerCallbacks(callbacks)
    var option: OpaquePointer?
    try check(nghttp2_option_new(&option), "nghttp2_option_new")
    defer { nghttp2_option_del(option) }
    // The contract says 100 until the peer's SETTINGS arrive; nghttp2 would assume unlimited.
    nghttp2_option_set_peer_max_concurrent_streams(option, 100)
    if settings.manualStreamFlowControl { nghttp2_option_set_no_auto_window_update(option, 1) }
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
      nghttp2_settings_entry(
        settings_id: Int32(NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE.rawValue),
        value: settings.maxHeaderListSize),
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

  /// Feeds received bytes to nghttp2, which records the events in them for `dispatchEvents`.
  func receive(_ bytes: UnsafeRawBufferPointer) throws(TransportError) {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    try enterLibrary("nghttp2_session_mem_recv")
    let consumed = nghttp2_session_mem_recv(
      handle, base.assumingMemoryBound(to: UInt8.self), bytes.count)
    leaveLibrary()
    try check(consumed, "nghttp2_session_mem_recv")
  }

  /// Appends serialized frames to `buffer` until nghttp2 has nothing more or `limit` is
  /// reached; returns whether nghttp2 had nothing more.
  @discardableResult
  func appendOutput(to buffer: inout [UInt8], limit: Int) throws(TransportError) -> Bool {
    while buffer.count < limit {
      // Whatever nghttp2 would send after a final GOAWAY (DATA of open streams) stays unsent.
      if finalGoAwaySent { return true }
      var data: UnsafePointer<UInt8>?
      try enterLibrary("nghttp2_session_mem_send")
      let count = nghttp2_session_mem_send(handle, &data)
      leaveLibrary()
      try check(count, "nghttp2_session_mem_send")
      if count > 0, let data {
        // Copied before the next mem_send, which invalidates `data`.
        buffer.append(contentsOf: UnsafeBufferPointer(start: data, count: count))
      }
      if finalGoAwaySent { return true }
      let submitted = try submitPendingTrailers()
      if count <= 0 && !submitted { return true }
    }
    return false
  }

  /// nghttp2 still expects frames from the peer (false once GOAWAY is done with and idle).
  var wantsRead: Bool { !finalGoAwaySent && nghttp2_session_want_read(handle) != 0 }
  /// nghttp2 has frames to send that flow control allows.
  var wantsWrite: Bool { !finalGoAwaySent && nghttp2_session_want_write(handle) != 0 }

  /// The peer's SETTINGS_MAX_CONCURRENT_STREAMS (100 until its SETTINGS arrive).
  var remoteMaxConcurrentStreams: UInt32 {
    nghttp2_session_get_remote_settings(handle, NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS)
  }

  /// Whether a new stream may be opened (false once GOAWAY was received or sent).
  var isRequestAllowed: Bool { nghttp2_session_check_request_allowed(handle) != 0 }

  /// The peer's SETTINGS_MAX_HEADER_LIST_SIZE; unlimited until it says otherwise.
  var remoteMaxHeaderListSize: Int {
    Int(nghttp2_session_get_remote_settings(handle, NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE))
  }

  /// The highest stream id the peer opened that this session handed to the application.
  var lastProcessedStreamID: Int32 { nghttp2_session_get_last_proc_stream_id(handle) }

  func goAwaySent(errorCode: UInt32) {
    if let finalGoAwayCode, finalGoAwayCode == errorCode {
      // The application's own: it knows why.
      finalGoAwaySent = true
      return
    }
    guard errorCode != HTTP2ErrorCode.noError, connectionFailure == nil else { return }
    let reason = lastLibraryError.map { ": \($0)" } ?? ""
    connectionFailure =
      "HTTP/2 protocol error\(reason) (sent GOAWAY \(HTTP2ErrorCode.name(errorCode)))"
  }

  /// Turns a negative nghttp2 return value into a TransportError naming the function.
  func check<Code: BinaryInteger>(_ result: Code, _ function: String) throws(TransportError) {
    guard result < 0 else { return }
    let code = Int32(truncatingIfNeeded: result)
    throw TransportError(
      .protocolError, "\(function): \(String(cString: nghttp2_strerror(code)))")
  }
}
