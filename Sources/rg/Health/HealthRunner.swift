import RouteGuideProtocol
import RouteGuideTransport

/// Runs `rg health`: one Check, a Check asked until SERVING (`--wait`), or a Watch.
enum HealthRunner {
  static func run(_ options: HealthOptions) -> Int32 {
    var client = options.client
    let waitBudget = client.timeoutNanoseconds ?? HealthOptions.defaultWaitNanoseconds
    if options.wait {
      // The server may not be listening yet: connecting waits too, within the same budget.
      client.waitForReady = true
      client.waitLimitNanoseconds = waitBudget
    }
    let request = HealthCheckRequest(service: options.service)
    let session = ClientSession(client, numbersCalls: options.wait)
    return ClientRunner.run(session: session, options: client) { session in
      let settings = session.callSettings()
      if options.watch {
        return .success(
          HealthWatchDriver(request: request, settings: settings, sink: session.sink))
      }
      return .success(
        HealthCheckDriver(
          request: request, settings: settings, sink: session.sink,
          waitDeadline: options.wait ? EventLoop.now() + waitBudget : nil))
    }
  }
}
