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
    let group: ServerGroup
    let listener: Listener
    do throws(ServeError) {
      let shared = ServeServices.Shared(
        database: try ServeSetup.database(options), options: options)
      let tls = try ServeSetup.tlsContext(options)
      listener = try ServeSetup.listener(options)
      do {
        group = try ServerGroup(
          loop: loop, threads: ServeSetup.threadCount(options), listeners: [listener], tls: tls,
          configuration: ServeSetup.configuration(options, gracePeriod: gracePeriod),
          makeServices: { _ in ServeServices(shared).loopServices })
      } catch {
        throw ServeError("serve: \(error)")
      }
    } catch {
      ClientDiagnostics.error(error.description)
      return 1
    }
    // Signals are taken over before the listening line, so a signal sent as soon as a script
    // sees the line always means a graceful stop; and before the group starts its threads,
    // which inherit the blocked mask, so only this loop hears them.
    let signals = SignalWatcher(loop: loop, signals: [SIGTERM, SIGINT, SIGHUP]) { _ in
      group.shutdownGracefully()
    }
    ClientDiagnostics.line("listening on \(listener.localAddress)")
    do {
      try group.run()
    } catch {
      ClientDiagnostics.error("serve: \(error)")
      return 1
    }
    signals.cancel()
    return 0
  }
}
