import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

@Suite struct RouteGuideServiceTests {
  @Test func makesACallForEveryMethod() throws {
    let service = RouteGuideService(database: .sample, sharedChat: false, clock: { 0 })
    #expect(try service.makeCall(path: RouteGuide.getFeature.path) is GetFeatureCall)
    #expect(try service.makeCall(path: RouteGuide.listFeatures.path) is ListFeaturesCall)
    #expect(try service.makeCall(path: RouteGuide.recordRoute.path) is RecordRouteCall)
    #expect(try service.makeCall(path: RouteGuide.routeChat.path) is RouteChatCall)
  }

  @Test func unknownMethodIsUnimplemented() {
    let service = RouteGuideService(database: .sample, sharedChat: false, clock: { 0 })
    for path in ["/routeguide.RouteGuide/Nope", "/other.Service/GetFeature", "", "/"] {
      do {
        _ = try service.makeCall(path: path)
        Issue.record("\(path) made a call")
      } catch {
        #expect(error.code == .unimplemented)
      }
    }
  }

  func chat(_ service: RouteGuideService) throws -> (RecordingResponder, RecordingResponder) {
    let (first, second) = (RecordingResponder(), RecordingResponder())
    let note = RouteNote(location: Point(latitude: 1), message: "x").protobufBytes()
    try service.makeCall(path: RouteGuide.routeChat.path).receive(note, first)
    try service.makeCall(path: RouteGuide.routeChat.path).receive(note, second)
    return (first, second)
  }

  @Test func chatsArePrivateByDefault() throws {
    let (_, second) = try chat(
      RouteGuideService(database: .sample, sharedChat: false, clock: { 0 }))
    #expect(second.sent.isEmpty)
  }

  @Test func sharedChatJoinsCalls() throws {
    let (_, second) = try chat(RouteGuideService(database: .sample, sharedChat: true, clock: { 0 }))
    #expect(second.sent.count == 1)
  }
}
