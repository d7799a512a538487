import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

@Suite struct GetFeatureCallTests {
  func call(_ payloads: [[UInt8]]) -> RecordingResponder {
    let responder = RecordingResponder()
    let call = GetFeatureCall(database: .sample)
    for payload in payloads { call.receive(payload, responder) }
    call.receiveEnd(responder)
    return responder
  }

  @Test func answersTheFirstFeatureAtThePoint() throws {
    let responder = call([Point(latitude: 10, longitude: 10).protobufBytes()])
    #expect(
      try responder.sentMessages(as: Feature.self)
        == [Feature(name: "a", location: Point(latitude: 10, longitude: 10))])
    #expect(responder.statuses == [.ok])
  }

  @Test func answersAnUnnamedFeatureWithTheLocationSetElsewhere() throws {
    let responder = call([Point().protobufBytes()])
    #expect(try responder.sentMessages(as: Feature.self) == [Feature(location: Point())])
    #expect(responder.statuses == [.ok])
  }

  @Test func zeroRequestsIsInternalWithNoAnswer() {
    let responder = call([])
    #expect(responder.sent.isEmpty)
    #expect(responder.statuses.map(\.code) == [.internal])
  }

  @Test func twoRequestsIsInternalOnce() {
    let responder = call([Point().protobufBytes(), Point().protobufBytes()])
    #expect(responder.sent.isEmpty)
    #expect(responder.statuses.map(\.code) == [.internal])
  }

  @Test func malformedRequestIsInternal() {
    let responder = call([[0xFF]])
    #expect(responder.statuses.map(\.code) == [.internal])
  }

  @Test func cancelledCallSendsNothing() {
    let responder = RecordingResponder()
    let call = GetFeatureCall(database: .sample)
    call.receive(Point().protobufBytes(), responder)
    call.cancel()
    call.receiveEnd(responder)
    #expect(responder.sent.isEmpty && responder.statuses.isEmpty)
  }
}
