import RouteGuideProtocol

/// What a RouteGuide call needs from the transport: send, watch the backlog, finish.
///
/// The transport's ServerCall conforms to it; tests use a recording fake, so every method's
/// semantics are checked with plain values and bytes.
public protocol RouteGuideResponder: AnyObject {
  func send(_ message: some ProtobufMessage)
  /// Encoded response bytes the peer has not taken yet.
  var bufferedResponseBytes: Int { get }
  func finish(_ status: GRPCStatus)
}

/// One call's logic, fed by the transport's events in order.
public protocol RouteGuideCall: AnyObject {
  func receive(_ payload: [UInt8], _ responder: any RouteGuideResponder)
  /// The client half-closed: no more requests.
  func receiveEnd(_ responder: any RouteGuideResponder)
  /// The backlog fell: a streaming call may go on sending.
  func canSendMore(_ responder: any RouteGuideResponder)
  /// The call is gone (reset or connection lost); nothing more will be sent.
  func cancel()
}

extension RouteGuideCall {
  public func canSendMore(_ responder: any RouteGuideResponder) {}
  public func cancel() {}
}
