import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

@Suite struct HealthWatchCallTests {
  /// A watch of `service` started on `health`, with its recording responder.
  func watch(_ health: HealthService, _ service: String, backlogPerSend: Int = 0)
    -> (HealthWatchCall, RecordingResponder)
  {
    let responder = RecordingResponder()
    responder.bytesPerSend = backlogPerSend
    let call = HealthWatchCall(health: health)
    call.receive(HealthCheckRequest(service: service).protobufBytes(), responder)
    call.receiveEnd(responder)
    return (call, responder)
  }

  func statuses(_ responder: RecordingResponder) throws -> [ServingStatus] {
    try responder.sentMessages(as: HealthCheckResponse.self).map(\.status)
  }

  @Test func sendsTheStatusAtOnceAndOneMessagePerChange() throws {
    let health = HealthService()
    health.setStatus(.serving, for: "a.A")
    let (_, responder) = watch(health, "a.A")
    #expect(try statuses(responder) == [.serving])
    health.setStatus(.notServing, for: "a.A")
    health.setStatus(.notServing, for: "a.A")  // no change, no message
    health.setStatus(.serving, for: "a.A")
    health.setStatus(.serving, for: "b.B")  // another service
    #expect(try statuses(responder) == [.serving, .notServing, .serving])
    #expect(responder.statuses.isEmpty)
  }

  @Test func unknownServiceIsServiceUnknownAndStillWatched() throws {
    let health = HealthService()
    let (_, responder) = watch(health, "later.Service")
    #expect(try statuses(responder) == [.serviceUnknown])
    health.setStatus(.serving, for: "later.Service")
    health.clearStatus(for: "later.Service")
    #expect(try statuses(responder) == [.serviceUnknown, .serving, .serviceUnknown])
    #expect(responder.statuses.isEmpty)
  }

  @Test func everyWatcherOfAServiceHearsTheChange() throws {
    let health = HealthService()
    health.setStatus(.serving, for: "")
    let watches = (0..<3).map { _ in watch(health, "") }
    health.setStatus(.notServing, for: "")
    for (_, responder) in watches {
      #expect(try statuses(responder) == [.serving, .notServing])
    }
  }

  @Test func cancelledWatchHearsNothingMoreAndIsForgotten() throws {
    let health = HealthService()
    health.setStatus(.serving, for: "")
    let (call, responder) = watch(health, "")
    #expect(health.watcherCount(of: "") == 1)
    call.cancel()
    #expect(health.watcherCount(of: "") == 0)
    health.setStatus(.notServing, for: "")
    health.enterShutdown()
    #expect(try statuses(responder) == [.serving])
    #expect(responder.statuses.isEmpty)
  }

  @Test func shutdownSendsNotServingThenEndsOk() throws {
    let health = HealthService()
    health.setStatus(.serving, for: "")
    let (_, whole) = watch(health, "")
    let (_, unknown) = watch(health, "nope")
    health.enterShutdown()
    #expect(try statuses(whole) == [.serving, .notServing])
    #expect(whole.statuses == [.ok])
    #expect(try statuses(unknown) == [.serviceUnknown])
    #expect(unknown.statuses == [.ok])
    #expect(health.watcherCount(of: "") == 0 && health.watcherCount(of: "nope") == 0)
  }

  @Test func watchStartedDuringShutdownEndsAtOnce() throws {
    let health = HealthService()
    health.setStatus(.serving, for: "")
    health.enterShutdown()
    let (_, whole) = watch(health, "")
    #expect(try statuses(whole) == [.notServing])
    #expect(whole.statuses == [.ok])
    let (_, unknown) = watch(health, "nope")
    #expect(try statuses(unknown) == [.serviceUnknown])
    #expect(unknown.statuses == [.ok])
    #expect(health.watcherCount(of: "") == 0)
  }

  @Test func clientThatDoesNotReadCostsOneStatusNotOnePerChange() throws {
    let health = HealthService()
    health.setStatus(.serving, for: "")
    // Each message fills the backlog: the client reads nothing until the test says so.
    let (call, responder) = watch(health, "", backlogPerSend: ResponseBacklog.healthWatch)
    for index in 0..<10_000 {
      health.setStatus(index % 2 == 0 ? .notServing : .serving, for: "")
    }
    health.setStatus(.notServing, for: "")
    #expect(try statuses(responder) == [.serving])
    call.canSendMore(responder)  // not read yet: still full
    #expect(responder.sent.count == 1)
    responder.bufferedResponseBytes = 0
    call.canSendMore(responder)
    #expect(try statuses(responder) == [.serving, .notServing])
    #expect(responder.statuses.isEmpty)
  }

  @Test func changeUndoneWhileTheClientWasBehindSendsNothing() throws {
    let health = HealthService()
    health.setStatus(.serving, for: "")
    let (call, responder) = watch(health, "", backlogPerSend: ResponseBacklog.healthWatch)
    health.setStatus(.notServing, for: "")
    health.setStatus(.serving, for: "")
    responder.bufferedResponseBytes = 0
    call.canSendMore(responder)
    #expect(try statuses(responder) == [.serving])
    health.setStatus(.notServing, for: "")
    #expect(try statuses(responder) == [.serving, .notServing])
  }

  @Test func shutdownSendsTheLastStatusEvenToAClientThatIsBehind() throws {
    let health = HealthService()
    health.setStatus(.serving, for: "")
    let (_, responder) = watch(health, "", backlogPerSend: ResponseBacklog.healthWatch)
    health.enterShutdown()
    #expect(try statuses(responder) == [.serving, .notServing])
    #expect(responder.statuses == [.ok])
  }

  @Test func zeroOrTwoRequestsAreInternalAndWatchNothing() {
    let health = HealthService()
    for count in [0, 2] {
      let responder = RecordingResponder()
      let call = HealthWatchCall(health: health)
      for _ in 0..<count { call.receive(HealthCheckRequest().protobufBytes(), responder) }
      call.receiveEnd(responder)
      #expect(responder.sent.isEmpty)
      #expect(responder.statuses.map(\.code) == [.internal])
      #expect(health.watcherCount(of: "") == 0)
    }
  }

  @Test func goneResponderIsNotSentTo() {
    let health = HealthService()
    health.setStatus(.serving, for: "")
    var call: HealthWatchCall?
    do {
      let (started, _) = watch(health, "")
      call = started
    }
    // The transport let go of its call; a change must not reach it (nor crash).
    health.setStatus(.notServing, for: "")
    health.enterShutdown()
    #expect(call != nil)
  }
}
