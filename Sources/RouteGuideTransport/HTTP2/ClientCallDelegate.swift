import RouteGuideProtocol

/// Receives the events of one ClientCall on the loop thread.
///
/// `callDidFinish` comes exactly once, after every message; nothing comes after it.
public protocol ClientCallDelegate: AnyObject {
  /// The response headers, as received (`:status` included); not called for Trailers-Only.
  func callDidReceiveHeaders(_ call: ClientCall, headers: [(name: String, value: String)])
  /// One response message (protobuf bytes, without the 5-byte prefix).
  func callDidReceiveMessage(_ call: ClientCall, _ payload: [UInt8])
  /// The end: `trailers` as received (for Trailers-Only, the one HEADERS block, `:status`
  /// included; empty when the status was made locally: cancel, deadline, lost connection).
  func callDidFinish(
    _ call: ClientCall, status: GRPCStatus, trailers: [(name: String, value: String)])
  /// The buffered request bytes fell below `ClientCall.lowWaterMark`.
  func callCanSendMore(_ call: ClientCall)
}
