import Glibc
import RouteGuideProtocol
import RouteGuideTransport

/// One client run on one event loop: connect, drive the calls, flush output, decide the exit.
///
/// The first outcome decides the exit (ClientOutcome.supersedes); every outcome ends the same
/// way: cancel what is open, write what is buffered, close the connection so the RST_STREAM
/// and GOAWAY frames go out, stop the loop.
final class ClientSession {
  /// How long closing the connection may take before rg exits anyway.
  static let closeGraceNanoseconds: UInt64 = 1_000_000_000

  let method: RouteGuideMethod
  let options: ClientOptions
  let loop = EventLoop()
  let sink: OutputSink
  let log: VerboseLog?
  private var driver: (any CallDriver)?
  private var connection: HTTP2ClientConnection?
  private var interrupts: SignalWatcher?
  private var outcome: ClientOutcome?
  private var finishing = false
  private var closingConnection = false

  init(_ method: RouteGuideMethod, _ options: ClientOptions) {
    self.method = method
    self.options = options
    sink = OutputSink(loop: loop, mapping: options.mapping)
    log = options.verbose ? VerboseLog(numbersCalls: method == .getFeature) : nil
  }

  /// Runs to the end and returns the exit status; prints the one error line if there is one.
  func run() -> Int32 {
    switch makeDriver() {
    case .success(let driver): self.driver = driver
    case .failure(let outcome): return report(outcome)
    }
    driver?.onFinish = { [unowned self] in finish($0) }
    sink.onFailure = { [unowned self] in finish($0) }
    sink.onBehindChange = { [unowned self] behind in
      if behind { connection?.pauseReading() } else { connection?.resumeReading() }
    }
    // Ctrl-C, and the SIGTERM of timeout(1), systemd, docker and CI runners, and the SIGHUP of
    // a closed terminal become events on the loop, so open streams are cancelled with
    // RST_STREAM and the server sees GOAWAY instead of a dropped connection.
    interrupts = SignalWatcher(loop: loop, signals: [SIGINT, SIGTERM, SIGHUP]) {
      [unowned self] signal in finish(.interrupted(signal))
    }
    connect()
    do throws(TransportError) {
      try loop.run()
    } catch {
      outcome = .failure(error.message)
    }
    return report(outcome ?? .failure("internal error: the event loop ended before the calls"))
  }

  private func connect() {
    log?.connecting(to: options.address, tls: options.tls != nil)
    Connector.connect(
      to: options.address, tls: options.tls, timeoutNanoseconds: options.connectTimeoutNanoseconds,
      loop: loop
    ) { [unowned self] result in
      switch result {
      case .success(let stream): connected(stream)
      case .failure(let error): finish(.transport(error))
      }
    }
  }

  private func connected(_ stream: any ByteStream) {
    guard !finishing, let driver else { return stream.close() }
    log?.connected(stream)
    do throws(TransportError) {
      let connection = try HTTP2ClientConnection(
        stream: stream, loop: loop, authority: authority,
        scheme: options.tls == nil ? "http" : "https", userAgent: ClientSession.userAgent,
        keepalive: options.keepalive)
      self.connection = connection
      connection.onClose = { [unowned self] error in connectionClosed(error) }
      // A peer that accepts the connection but never speaks HTTP/2 is a connect failure too.
      connection.expectSettings(withinNanoseconds: options.connectTimeoutNanoseconds)
      if sink.isBehind { connection.pauseReading() }
      driver.start(on: connection)
    } catch {
      finish(.transport(error))
    }
  }

  /// The `:authority`: as given, else the address as the user wrote it (unix sockets have none).
  private var authority: String {
    if let authority = options.authority { return authority }
    switch options.address {
    case .tcp: return options.address.description
    case .unix: return "localhost"
    }
  }

  private func connectionClosed(_ error: TransportError?) {
    // A TLS failure decides the exit even when the calls it failed have ended the run already.
    if let error, error.kind == .tls { finish(.transport(error)) }
    if closingConnection { return loop.stop() }
    // Open calls have had their statuses by now; this only decides runs with none open.
    finish(.transport(error ?? TransportError(.unavailable, "the server closed the connection")))
  }

  private func finish(_ newOutcome: ClientOutcome) {
    guard newOutcome.supersedes(outcome) else { return }
    outcome = newOutcome
    guard !finishing else { return }
    finishing = true
    sink.ignoreIdleClosedReader()
    if case .ok = newOutcome {} else { driver?.cancelAll() }
    // A second Ctrl-C while closing gets the default action: exit at once.
    interrupts?.cancel()
    sink.onDrained = { [unowned self] in closeConnection() }
    sink.flush()
    if sink.isClosed { closeConnection() }
  }

  private func closeConnection() {
    guard !closingConnection else { return }
    closingConnection = true
    sink.onDrained = nil
    guard let connection, !connection.isClosed else { return loop.stop() }
    loop.schedule(after: Self.closeGraceNanoseconds) { [unowned self] in loop.stop() }
    connection.close()
  }

  private func report(_ outcome: ClientOutcome) -> Int32 {
    sink.flush()
    sink.close()
    interrupts?.cancel()
    if let message = outcome.message { ClientDiagnostics.error(message) }
    return outcome.exitCode
  }
}
