import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

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

@Suite struct ServiceRouterTests {
  func answer(_ router: ServiceRouter, _ path: String) throws -> String {
    let responder = RecordingResponder()
    try router.makeCall(path: path).receiveEnd(responder)
    return try responder.sentMessages(as: HealthCheckRequest.self).first?.service ?? ""
  }

  @Test func routesEachPathToItsService() throws {
    let router = ServiceRouter()
    router.register(NamedService("a.A"))
    router.register(NamedService("b.B"))
    #expect(try answer(router, "/a.A/One") == "a.A/One")
    #expect(try answer(router, "/a.A/Two") == "a.A/Two")
    #expect(try answer(router, "/b.B/One") == "b.B/One")
    #expect(try answer(router, "/b.B/Two") == "b.B/Two")
  }

  @Test func unknownPathIsUnimplementedAndNamesIt() {
    let router = ServiceRouter()
    router.register(NamedService("a.A"))
    for path in ["/a.A/Three", "/b.B/One", "/a.A/one", "/a.A", "a.A/One", "", "/"] {
      do {
        _ = try router.makeCall(path: path)
        Issue.record("\(path) made a call")
      } catch {
        #expect(error.code == .unimplemented)
        #expect(error.message == "unknown method \(path)")
      }
    }
  }

  @Test func makesOneLogicPerCallAndNothingElse() throws {
    let router = ServiceRouter()
    let service = NamedService("a.A")
    router.register(service)
    let first = try router.makeCall(path: "/a.A/One")
    let second = try router.makeCall(path: "/a.A/One")
    #expect(first !== second)
    #expect(service.callsMade == 2)
    _ = try? router.makeCall(path: "/a.A/Nope")
    #expect(service.callsMade == 2)
  }

  @Test func listsTheRegisteredServicesInOrder() {
    let router = ServiceRouter()
    router.register(RouteGuideService(database: .sample, sharedChat: false, clock: { 0 }))
    router.register(HealthService())
    #expect(router.services.map(\.serviceName) == [RouteGuide.serviceName, Health.serviceName])
    #expect(router.services.map(\.methods) == [RouteGuide.methods, Health.methods])
  }

  @Test func routesRouteGuideAndHealthSideBySide() throws {
    let router = ServiceRouter()
    router.register(RouteGuideService(database: .sample, sharedChat: false, clock: { 0 }))
    let health = HealthService()
    health.setStatus(.serving, for: "")
    router.register(health)
    for method in RouteGuide.methods + Health.methods {
      #expect(throws: Never.self) { _ = try router.makeCall(path: method.path) }
    }
    let get = RecordingResponder()
    let call = try router.makeCall(path: RouteGuide.getFeature.path)
    call.receive(Point(latitude: 10, longitude: 10).protobufBytes(), get)
    call.receiveEnd(get)
    #expect(try get.sentMessages(as: Feature.self).map(\.name) == ["a"])
    let check = RecordingResponder()
    let checkCall = try router.makeCall(path: Health.check.path)
    checkCall.receive(HealthCheckRequest(service: "").protobufBytes(), check)
    checkCall.receiveEnd(check)
    #expect(try check.sentMessages(as: HealthCheckResponse.self) == [.init(status: .serving)])
  }
}

@Suite struct ServiceRouterPreconditionTests {
  @Test func aPathRegisteredTwiceStopsTheServer() async {
    await #expect(processExitsWith: .failure) {
      let router = ServiceRouter()
      router.register(NamedService("a.A"))
      router.register(NamedService("a.A"))
    }
  }
}
