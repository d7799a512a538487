import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

@Suite struct RecordRouteCallTests {
  /// A clock the test moves by hand.
  final class FakeClock {
    var now: UInt64 = 0
  }

  @Test func answersOneSummaryAtTheEnd() throws {
    let clock = FakeClock()
    let responder = RecordingResponder()
    let call = RecordRouteCall(database: .sample, clock: { clock.now })
    clock.now = 1_000_000_000
    call.receive(Point(latitude: 10, longitude: 10).protobufBytes(), responder)
    clock.now = 2_000_000_000
    call.receive(Point(latitude: 20, longitude: -20).protobufBytes(), responder)
    #expect(responder.sent.isEmpty)
    clock.now = 4_500_000_000
    call.receiveEnd(responder)
    let summary = try #require(try responder.sentMessages(as: RouteSummary.self).first)
    #expect(summary.pointCount == 2)
    #expect(summary.featureCount == 2)
    #expect(summary.elapsedTime == 3)
    let metres = RouteDistance.metres(
      from: Point(latitude: 10, longitude: 10), to: Point(latitude: 20, longitude: -20))
    #expect(summary.distance == Int32(metres))
    #expect(responder.statuses == [.ok])
  }

  @Test func noPointsIsAnEmptySummary() throws {
    let responder = RecordingResponder()
    let call = RecordRouteCall(database: .sample, clock: { 5 })
    call.receiveEnd(responder)
    #expect(try responder.sentMessages(as: RouteSummary.self) == [RouteSummary()])
    #expect(responder.statuses == [.ok])
  }

  @Test func malformedPointIsInternalAndEndsTheCall() {
    let responder = RecordingResponder()
    let call = RecordRouteCall(database: .sample, clock: { 0 })
    call.receive([0x08], responder)
    call.receive(Point().protobufBytes(), responder)
    call.receiveEnd(responder)
    #expect(responder.sent.isEmpty)
    #expect(responder.statuses.map(\.code) == [.internal])
  }

  @Test func cancelledRouteAnswersNothing() {
    let responder = RecordingResponder()
    let call = RecordRouteCall(database: .sample, clock: { 0 })
    call.receive(Point().protobufBytes(), responder)
    call.cancel()
    call.receiveEnd(responder)
    #expect(responder.sent.isEmpty && responder.statuses.isEmpty)
  }
}
