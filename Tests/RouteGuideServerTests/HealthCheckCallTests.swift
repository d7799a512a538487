import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

@Suite struct HealthCheckCallTests {
  func check(_ health: HealthService, _ service: String) -> RecordingResponder {
    let responder = RecordingResponder()
    let call = HealthCheckCall(health: health)
    call.receive(HealthCheckRequest(service: service).protobufBytes(), responder)
    call.receiveEnd(responder)
    return responder
  }

  @Test func answersTheStatusOfAKnownService() throws {
    let health = HealthService()
    health.setStatus(.serving, for: "")
    health.setStatus(.notServing, for: "a.A")
    let whole = check(health, "")
    #expect(try whole.sentMessages(as: HealthCheckResponse.self) == [.init(status: .serving)])
    #expect(whole.statuses == [.ok])
    let named = check(health, "a.A")
    #expect(try named.sentMessages(as: HealthCheckResponse.self) == [.init(status: .notServing)])
    #expect(named.statuses == [.ok])
  }

  @Test func unknownServiceIsNotFound() {
    let health = HealthService()
    health.setStatus(.serving, for: "a.A")
    for service in ["nope", "a.a", "", "a.A "] {
      let responder = check(health, service)
      #expect(responder.sent.isEmpty)
      #expect(responder.statuses == [GRPCStatus(.notFound, "unknown service \(service)")])
    }
  }

  @Test func clearedServiceIsNotFound() {
    let health = HealthService()
    health.setStatus(.serving, for: "a.A")
    health.clearStatus(for: "a.A")
    #expect(check(health, "a.A").statuses.map(\.code) == [.notFound])
  }

  @Test func afterShutdownEveryKnownServiceIsNotServing() throws {
    let health = HealthService()
    health.setStatus(.serving, for: "")
    health.enterShutdown()
    #expect(
      try check(health, "").sentMessages(as: HealthCheckResponse.self) == [
        .init(status: .notServing)
      ])
    #expect(check(health, "nope").statuses.map(\.code) == [.notFound])
  }

  @Test func zeroOrTwoRequestsAreInternal() {
    let health = HealthService()
    health.setStatus(.serving, for: "")
    for count in [0, 2] {
      let responder = RecordingResponder()
      let call = HealthCheckCall(health: health)
      for _ in 0..<count { call.receive(HealthCheckRequest().protobufBytes(), responder) }
      call.receiveEnd(responder)
      #expect(responder.sent.isEmpty)
      #expect(responder.statuses.map(\.code) == [.internal])
    }
  }

  @Test func malformedRequestIsInternal() {
    let health = HealthService()
    let responder = RecordingResponder()
    let call = HealthCheckCall(health: health)
    call.receive([0x0A, 0x05, 0x61], responder)  // a string field longer than the bytes
    call.receiveEnd(responder)
    #expect(responder.statuses.map(\.code) == [.internal])
  }

  @Test func cancelledCheckSendsNothing() {
    let health = HealthService()
    health.setStatus(.serving, for: "")
    let responder = RecordingResponder()
    let call = HealthCheckCall(health: health)
    call.receive(HealthCheckRequest().protobufBytes(), responder)
    call.cancel()
    call.receiveEnd(responder)
    #expect(responder.sent.isEmpty && responder.statuses.isEmpty)
  }
}
