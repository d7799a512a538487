import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

@Suite struct ListFeaturesCallTests {
  let everything = Rectangle(
    lo: Point(latitude: -90, longitude: -90), hi: Point(latitude: 90, longitude: 90))

  @Test func streamsTheFeaturesInsideInOrder() throws {
    let responder = RecordingResponder()
    let call = ListFeaturesCall(database: .sample)
    call.receive(
      Rectangle(lo: Point(latitude: 20, longitude: -20), hi: Point(latitude: -40, longitude: 40))
        .protobufBytes(), responder)
    call.receiveEnd(responder)
    #expect(try responder.sentMessages(as: Feature.self).map(\.name) == ["a", "b", "a again", "c"])
    #expect(responder.statuses == [.ok])
  }

  @Test func emptyRectangleFinishesOkWithNothing() {
    let responder = RecordingResponder()
    let call = ListFeaturesCall(database: .sample)
    call.receive(Rectangle().protobufBytes(), responder)
    call.receiveEnd(responder)
    #expect(responder.sent.isEmpty)
    #expect(responder.statuses == [.ok])
  }

  @Test func stopsAtTheHighWaterMarkAndResumes() {
    let responder = RecordingResponder()
    responder.bytesPerSend = ResponseBacklog.highWater / 2
    let call = ListFeaturesCall(database: .sample)
    call.receive(everything.protobufBytes(), responder)
    call.receiveEnd(responder)
    #expect(responder.sent.count == 2)
    #expect(responder.statuses.isEmpty)
    call.canSendMore(responder)  // the peer has not read yet: still full
    #expect(responder.sent.count == 2)
    responder.bufferedResponseBytes = 0
    call.canSendMore(responder)
    #expect(responder.sent.count == 4)
    responder.bufferedResponseBytes = 0
    call.canSendMore(responder)
    #expect(responder.sent.count == 5)
    #expect(responder.statuses == [.ok])
  }

  @Test func canSendMoreBeforeTheRequestDoesNothing() {
    let responder = RecordingResponder()
    let call = ListFeaturesCall(database: .sample)
    call.canSendMore(responder)
    #expect(responder.sent.isEmpty && responder.statuses.isEmpty)
  }

  @Test func cancelledListingStops() {
    let responder = RecordingResponder()
    responder.bytesPerSend = ResponseBacklog.highWater
    let call = ListFeaturesCall(database: .sample)
    call.receive(everything.protobufBytes(), responder)
    call.receiveEnd(responder)
    call.cancel()
    responder.bufferedResponseBytes = 0
    call.canSendMore(responder)
    #expect(responder.sent.count == 1)
    #expect(responder.statuses.isEmpty)
  }

  @Test func zeroOrTwoRequestsAreInternal() {
    for count in [0, 2] {
      let responder = RecordingResponder()
      let call = ListFeaturesCall(database: .sample)
      for _ in 0..<count { call.receive(everything.protobufBytes(), responder) }
      call.receiveEnd(responder)
      #expect(responder.sent.isEmpty)
      #expect(responder.statuses.map(\.code) == [.internal])
    }
  }
}
