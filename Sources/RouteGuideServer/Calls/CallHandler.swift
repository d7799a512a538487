import RouteGuideProtocol
import RouteGuideTransport

extension ServerCall: CallResponder {}

/// Connects one transport stream to its call logic: the only place services meet the
/// transport.
final class CallHandler: ServerCallHandler {
  private let logic: any CallLogic

  init(_ logic: any CallLogic) {
    self.logic = logic
  }

  func callDidReceiveMessage(_ call: ServerCall, _ payload: [UInt8]) {
    logic.receive(payload, call)
  }

  func callDidFinishReceiving(_ call: ServerCall) {
    logic.receiveEnd(call)
  }

  func callWasCancelled(_ call: ServerCall) {
    logic.cancel()
  }

  func callCanSendMore(_ call: ServerCall) {
    logic.canSendMore(call)
  }
}
