/// The application's side of one ServerCall; every method runs on the loop thread.
public protocol ServerCallHandler: AnyObject {
  /// One request message (protobuf bytes, without the 5-byte prefix).
  func callDidReceiveMessage(_ call: ServerCall, _ payload: [UInt8])
  /// The client half-closed: no more request messages.
  func callDidFinishReceiving(_ call: ServerCall)
  /// The call is over without the handler's status reaching the client: RST_STREAM, lost
  /// connection, deadline, or a request the transport refused (too large, malformed).
  func callWasCancelled(_ call: ServerCall)
  /// The buffered response bytes fell below `ServerCall.lowWaterMark`.
  func callCanSendMore(_ call: ServerCall)
}
