import RouteGuideProtocol
import RouteGuideServer

/// A service of two methods whose calls answer with their own name, so a test sees which
/// service and method a path reached.
final class NamedService: GRPCService {
  let serviceName: String
  private(set) var callsMade = 0

  init(_ serviceName: String) {
    self.serviceName = serviceName
  }

  static func unary(_ service: String, _ name: String) -> MethodDescriptor<
    HealthCheckRequest, HealthCheckRequest
  > {
    MethodDescriptor(service: service, name: name, shape: .unary, inputDescription: "")
  }

  var methodHandlers: [MethodHandler] {
    ["One", "Two"].map { name in
      MethodHandler(Self.unary(serviceName, name)) { [self] in
        callsMade += 1
        return NameCall("\(serviceName)/\(name)")
      }
    }
  }
}

/// Answers a HealthCheckRequest holding its name at half-close.
final class NameCall: CallLogic {
  let name: String
  init(_ name: String) { self.name = name }
  func receive(_ payload: [UInt8], _ responder: any CallResponder) {}
  func receiveEnd(_ responder: any CallResponder) {
    responder.send(HealthCheckRequest(service: name))
    responder.finish(.ok)
  }
}

/// A service whose table holds a method of another service: a programming error.
struct MislabelledService: GRPCService {
  var serviceName: String { "a.A" }
  var methodHandlers: [MethodHandler] {
    [MethodHandler(NamedService.unary("b.B", "One")) { NameCall("b.B/One") }]
  }
}
