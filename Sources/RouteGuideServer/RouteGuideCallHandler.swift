import RouteGuideProtocol
import RouteGuideTransport

extension ServerCall: RouteGuideResponder {}

/// Connects one transport stream to its RouteGuide call logic: the only place the service
/// meets the transport.
final class RouteGuideCallHandler: ServerCallHandler {
  private let logic: any RouteGuideCall

  init(_ logic: any RouteGuideCall) {
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

extension RouteGuideService {
  /// Takes a new stream from the server: sets its handler, or ends it with UNIMPLEMENTED
  /// when the path names no RouteGuide method.
  public func accept(_ call: ServerCall) {
    do {
      call.handler = RouteGuideCallHandler(try makeCall(path: call.path))
    } catch {
      call.finish(error)
    }
  }
}
