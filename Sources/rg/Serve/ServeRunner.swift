import Glibc
import RouteGuideProtocol
import RouteGuideServer
import RouteGuideTransport

/// Runs `rg serve`: load the features, listen, serve until SIGTERM or SIGINT, exit 0.
enum ServeRunner {
  /// How long open calls may run after a shutdown signal before they are cut.
  static let gracePeriod: UInt64 = 5_000_000_000

  static func run(_ options: ServeOptions) -> Int32 {
    let loop = EventLoop()
    let server: Server
    let listener: Listener
    let services: ServeServices
    do throws(ServeError) {
      let database = try ServeSetup.database(options)
      let tls = try ServeSetup.tlsContext(options)
      listener = try ServeSetup.listener(options)
      services = ServeServices(database: database, options: options)
      server = Server(
        loop: loop, listeners: [listener], tls: tls,
        configuration: ServeSetup.configuration(options, gracePeriod: gracePeriod),
        acceptCall: services.router.accept)
    } catch {
      ClientDiagnostics.error(error.description)
      return 1
    }
    // Signals are taken over before the listening line, so a signal sent as soon as a script
    // sees the line always means a graceful stop.
    let signals = SignalWatcher(loop: loop, signals: [SIGTERM, SIGINT]) { _ in
      services.beginShutdown()
      server.shutdownGracefully { loop.stop() }
    }
    ClientDiagnostics.line("listening on \(listener.localAddress)")
    do {
      try loop.run()
    } catch {
      ClientDiagnostics.error("serve: \(error)")
      return 1
    }
    signals.cancel()
    return 0
  }
}
