import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

@Suite struct RouteGuideServiceTests {
  func service(sharedChat: Bool = false) -> RouteGuideService {
    RouteGuideService(
      database: .sample, sharedBoard: sharedChat ? RouteChatBoard() : nil, clock: { 0 })
  }

  func handler(_ service: RouteGuideService, _ path: String) throws -> MethodHandler {
    try #require(service.methodHandlers.first { $0.method.path == path })
  }

  @Test func declaresEveryMethodOfTheDescriptorsInOrder() {
    #expect(service().serviceName == RouteGuide.serviceName)
    #expect(service().methods == RouteGuide.methods)
  }

  @Test func makesTheRightCallForEveryMethod() throws {
    let service = service()
    #expect(try handler(service, RouteGuide.getFeature.path).makeCall() is GetFeatureCall)
    #expect(try handler(service, RouteGuide.listFeatures.path).makeCall() is ListFeaturesCall)
    #expect(try handler(service, RouteGuide.recordRoute.path).makeCall() is RecordRouteCall)
    #expect(try handler(service, RouteGuide.routeChat.path).makeCall() is RouteChatCall)
  }

  @Test func eachCallGetsLogicOfItsOwn() throws {
    let make = try handler(service(), RouteGuide.getFeature.path).makeCall
    #expect(make() !== make())
  }

  func chat(_ service: RouteGuideService) throws -> (RecordingResponder, RecordingResponder) {
    let (first, second) = (RecordingResponder(), RecordingResponder())
    let note = RouteNote(location: Point(latitude: 1), message: "x").protobufBytes()
    let make = try handler(service, RouteGuide.routeChat.path).makeCall
    make().receive(note, first)
    make().receive(note, second)
    return (first, second)
  }

  @Test func chatsArePrivateByDefault() throws {
    let (_, second) = try chat(service())
    #expect(second.sent.isEmpty)
  }

  @Test func sharedChatJoinsCalls() throws {
    let (_, second) = try chat(service(sharedChat: true))
    #expect(second.sent.count == 1)
  }
}
