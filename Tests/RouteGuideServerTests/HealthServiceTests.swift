import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

@Suite struct HealthServiceTests {
  @Test func declaresCheckAndWatch() throws {
    let health = HealthService()
    #expect(health.serviceName == Health.serviceName)
    #expect(health.methods == Health.methods)
    let check = try #require(health.methodHandlers.first { $0.method == Health.check.info })
    let watch = try #require(health.methodHandlers.first { $0.method == Health.watch.info })
    #expect(check.makeCall() is HealthCheckCall)
    #expect(watch.makeCall() is HealthWatchCall)
  }

  @Test func knowsOnlyWhatWasSet() {
    let health = HealthService()
    #expect(health.status(of: "") == nil)
    health.setStatus(.serving, for: "")
    health.setStatus(.notServing, for: "a.A")
    #expect(health.status(of: "") == .serving)
    #expect(health.status(of: "a.A") == .notServing)
    #expect(health.status(of: "b.B") == nil)
    health.clearStatus(for: "a.A")
    #expect(health.status(of: "a.A") == nil)
  }

  @Test func shutdownIsFinal() {
    let health = HealthService()
    health.setStatus(.serving, for: "")
    health.setStatus(.unknown, for: "a.A")
    health.enterShutdown()
    #expect(health.isShuttingDown)
    #expect(health.status(of: "") == .notServing)
    #expect(health.status(of: "a.A") == .notServing)
    health.setStatus(.serving, for: "")
    health.setStatus(.serving, for: "b.B")
    health.clearStatus(for: "a.A")
    health.enterShutdown()
    #expect(health.status(of: "") == .notServing)
    #expect(health.status(of: "a.A") == .notServing)
    #expect(health.status(of: "b.B") == nil)
  }
}
