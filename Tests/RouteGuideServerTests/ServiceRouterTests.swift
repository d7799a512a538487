import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

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
    router.register(RouteGuideService(database: .sample, sharedBoard: nil, clock: { 0 }))
    router.register(HealthService())
    #expect(router.services.map(\.serviceName) == [RouteGuide.serviceName, Health.serviceName])
    #expect(router.services.map(\.methods) == [RouteGuide.methods, Health.methods])
  }

  @Test func routesRouteGuideAndHealthSideBySide() throws {
    let router = ServiceRouter()
    router.register(RouteGuideService(database: .sample, sharedBoard: nil, clock: { 0 }))
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

  @Test func aMethodOfAnotherServiceStopsTheServer() async {
    await #expect(processExitsWith: .failure) {
      ServiceRouter().register(MislabelledService())
    }
  }
}
