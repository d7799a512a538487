import RouteGuideProtocol

/// `grpc.health.v1.Health`: the serving status of each service by name, asked once (Check)
/// or followed (Watch), as grpc/doc/health-checking.md has it.
///
/// The name "" stands for the whole server. A name never set is unknown: Check answers
/// NOT_FOUND, Watch says SERVICE_UNKNOWN and keeps watching. Runs on the loop thread.
public final class HealthService: GRPCService {
  private var statuses: [String: ServingStatus] = [:]
  /// The open watches, by the name they follow.
  private var watchers: [String: [ObjectIdentifier: HealthWatchCall]] = [:]
  /// Set by `enterShutdown`: every status is NOT_SERVING for good.
  public private(set) var isShuttingDown = false

  public init() {}

  public var serviceName: String { Health.serviceName }

  /// Built when the service is registered; each call holds the service, not the reverse.
  public var methodHandlers: [MethodHandler] {
    [
      MethodHandler(Health.check) { HealthCheckCall(health: self) },
      MethodHandler(Health.watch) { HealthWatchCall(health: self) },
    ]
  }

  /// The status of `service`; nil when it is unknown.
  public func status(of service: String) -> ServingStatus? {
    statuses[service]
  }

  /// Sets the status of `service`; its watchers hear of a change. Ignored once shutting down.
  public func setStatus(_ status: ServingStatus, for service: String) {
    guard !isShuttingDown, statuses[service] != status else { return }
    statuses[service] = status
    notifyWatchers(of: service, status)
  }

  /// Forgets `service`: Check answers NOT_FOUND, its watchers hear SERVICE_UNKNOWN.
  public func clearStatus(for service: String) {
    guard !isShuttingDown, statuses.removeValue(forKey: service) != nil else { return }
    notifyWatchers(of: service, .serviceUnknown)
  }

  /// The server is going away: every known status turns NOT_SERVING for good, and every
  /// open Watch gets its last status and ends OK.
  ///
  /// A Watch never ends by itself, so left open it would hold the graceful shutdown for the
  /// whole grace period and then be cut, and its client would see an error instead of the
  /// NOT_SERVING it watches for. Ended here, right after that message is queued, it finishes
  /// with the other calls' traffic; a client that wants to follow the next server has to
  /// connect again anyway, since this connection is closing (GOAWAY follows at once).
  public func enterShutdown() {
    guard !isShuttingDown else { return }
    isShuttingDown = true
    for service in statuses.keys { statuses[service] = .notServing }
    let open = watchers
    watchers = [:]
    for (service, calls) in open {
      for call in calls.values { call.end(with: statuses[service]) }
    }
  }

  /// Starts `call` watching `service`: it gets the status now, then each change. During
  /// shutdown it gets the status and ends at once.
  func addWatcher(_ call: HealthWatchCall, for service: String) {
    let status = statuses[service] ?? .serviceUnknown
    guard !isShuttingDown else {
      call.end(with: status)
      return
    }
    watchers[service, default: [:]][ObjectIdentifier(call)] = call
    call.update(status)
  }

  func removeWatcher(_ call: HealthWatchCall, for service: String) {
    watchers[service]?[ObjectIdentifier(call)] = nil
    if watchers[service]?.isEmpty == true { watchers[service] = nil }
  }

  /// Open watches of `service` (for tests and diagnostics).
  func watcherCount(of service: String) -> Int {
    watchers[service]?.count ?? 0
  }

  private func notifyWatchers(of service: String, _ status: ServingStatus) {
    // A copy: a send may end a call, which removes it from the table.
    guard let calls = watchers[service] else { return }
    for call in calls.values { call.update(status) }
  }
}
