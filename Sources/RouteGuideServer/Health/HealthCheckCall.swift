import RouteGuideProtocol

/// Health Check: the status of the named service now, or NOT_FOUND when it is unknown.
final class HealthCheckCall: CallLogic {
  private let health: HealthService
  private var request = SingleRequest<HealthCheckRequest>()
  private var finished = false

  init(health: HealthService) {
    self.health = health
  }

  func receive(_ payload: [UInt8], _ responder: any CallResponder) {
    guard !finished else { return }
    do throws(GRPCStatus) {
      try request.receive(payload)
    } catch {
      finish(error, responder)
    }
  }

  func receiveEnd(_ responder: any CallResponder) {
    guard !finished else { return }
    do throws(GRPCStatus) {
      let service = try request.end().service
      guard let status = health.status(of: service) else {
        throw GRPCStatus(.notFound, "unknown service \(service)")
      }
      responder.send(HealthCheckResponse(status: status))
      finish(.ok, responder)
    } catch {
      finish(error, responder)
    }
  }

  func cancel() { finished = true }

  private func finish(_ status: GRPCStatus, _ responder: any CallResponder) {
    finished = true
    responder.finish(status)
  }
}
