/// One call's logic, of any service, fed by the transport's events in order.
public protocol CallLogic: AnyObject {
  func receive(_ payload: [UInt8], _ responder: any CallResponder)
  /// The client half-closed: no more requests.
  func receiveEnd(_ responder: any CallResponder)
  /// The backlog fell: a streaming call may go on sending.
  func canSendMore(_ responder: any CallResponder)
  /// The call is gone (reset, connection lost, deadline); nothing more will be sent.
  func cancel()
}

extension CallLogic {
  public func canSendMore(_ responder: any CallResponder) {}
  public func cancel() {}
}
