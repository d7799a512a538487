import RouteGuideProtocol

/// Health Watch: the status of the named service now, then one message per change, until
/// the client cancels or the server shuts down.
///
/// Memory stays bounded whatever the client reads: past `ResponseBacklog.healthWatch` bytes
/// of backlog only the newest status is kept, and sent when the backlog drains.
final class HealthWatchCall: CallLogic {
  private let health: HealthService
  private var request = SingleRequest<HealthCheckRequest>()
  /// The name watched, once the request came.
  private var service: String?
  /// Held weakly: the transport owns the call, and a change may come after it is gone.
  private weak var responder: (any CallResponder)?
  /// The newest status not sent yet.
  private var pending: ServingStatus?
  private var lastSent: ServingStatus?
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
    guard !finished, service == nil else { return }
    do throws(GRPCStatus) {
      let name = try request.end().service
      self.responder = responder
      service = name
      health.addWatcher(self, for: name)
    } catch {
      finish(error, responder)
    }
  }

  func canSendMore(_ responder: any CallResponder) {
    flush()
  }

  func cancel() {
    finished = true
    stopWatching()
  }

  /// The watched status is now `status` (also the first one, when the watch starts).
  func update(_ status: ServingStatus) {
    pending = status
    flush()
  }

  /// Shutdown: `status` (if any, else what is pending) goes out whatever the backlog — one
  /// message — then the call ends OK.
  func end(with status: ServingStatus?) {
    guard !finished, let responder else { return }
    if let status { pending = status }
    if let pending, pending != lastSent {
      lastSent = pending
      responder.send(HealthCheckResponse(status: pending))
    }
    pending = nil
    finish(.ok, responder)
  }

  /// Sends the pending status unless the client is behind; then it waits for `canSendMore`.
  private func flush() {
    guard !finished, let responder, let status = pending,
      responder.bufferedResponseBytes < ResponseBacklog.healthWatch
    else { return }
    pending = nil
    // The client already has it (a change and its undoing while it was not reading).
    guard status != lastSent else { return }
    lastSent = status
    responder.send(HealthCheckResponse(status: status))
  }

  private func finish(_ status: GRPCStatus, _ responder: any CallResponder) {
    finished = true
    stopWatching()
    responder.finish(status)
  }

  private func stopWatching() {
    guard let service else { return }
    self.service = nil
    health.removeWatcher(self, for: service)
  }
}
