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

  let options: ClientOptions
  let loop = EventLoop()
  let sink: OutputSink
  let log: VerboseLog?
  private var driver: (any CallDriver)?
  private var channel: ClientChannel?
  private var driverStarted = false
  private var interrupts: SignalWatcher?
  private var outcome: ClientOutcome?
  private var finishing = false
  private var closingConnection = false

  /// `numbersCalls`: -v prefixes call lines with `[N]` (runs that may make several calls).
  init(_ options: ClientOptions, numbersCalls: Bool) {
    self.options = options
    sink = OutputSink(loop: loop, formatter: NDJSONFormatter(mapping: options.mapping))
    log = options.verbose ? VerboseLog(numbersCalls: numbersCalls) : nil
  }

  /// Runs the driver `makeDriver` builds to the end and returns the exit status; prints the
  /// one error line if there is one.
  func run(_ makeDriver: (ClientSession) -> Result<any CallDriver, ClientOutcome>) -> Int32 {
    let driver: any CallDriver
    switch makeDriver(self) {
    case .success(let made): driver = made
    case .failure(let outcome): return report(outcome)
    }
    self.driver = driver
    sink.begin()
    driver.onFinish = { [unowned self] in finish($0) }
    sink.onFailure = { [unowned self] in finish($0) }
    sink.onBehindChange = { [unowned self] behind in
      if behind { channel?.pauseReading() } else { channel?.resumeReading() }
      if !behind { self.driver?.outputDidCatchUp() }
    }
    // Ctrl-C, and the SIGTERM of timeout(1), systemd, docker and CI runners, and the SIGHUP of
    // a closed terminal become events on the loop, so open streams are cancelled with
    // RST_STREAM and the server sees GOAWAY instead of a dropped connection.
    interrupts = SignalWatcher(loop: loop, signals: [SIGINT, SIGTERM, SIGHUP]) {
      [unowned self] signal in finish(.interrupted(signal))
    }
    if driver.needsConnection {
      connect()
    } else {
      driverStarted = true
      driver.start(on: nil)
    }
    do throws(TransportError) {
      try loop.run()
    } catch {
      outcome = .failure(error.message)
    }
    return report(outcome ?? .failure("internal error: the event loop ended before the calls"))
  }

  private func connect() {
    let channel = ClientChannel(
      configuration: ClientChannel.Configuration(
        address: options.address, tls: options.tls,
        connectTimeoutNanoseconds: options.connectTimeoutNanoseconds, authority: authority,
        userAgent: ClientSession.userAgent, keepalive: options.keepalive,
        proxy: options.proxy),
      loop: loop)
    self.channel = channel
    channel.onConnecting = { [unowned self] in
      log?.connecting(
        to: options.address, tls: options.tls != nil,
        proxy: options.proxy.map { "\($0) (\(options.proxySource ?? "--proxy"))" })
    }
    channel.onConnected = { [unowned self] stream in connected(stream) }
    channel.onConnectFailed = { [unowned self] error in finish(.transport(error)) }
    channel.onConnectionLost = { [unowned self] error in
      // A driver that retries its calls carries on; for the others the run is over.
      if driver?.retriesAfterLostConnection == true && error.kind != .tls { return }
      finish(.transport(error))
    }
    if sink.isBehind { channel.pauseReading() }
    if options.waitForReady {
      channel.waitForReady(
        untilNanoseconds: EventLoop.now() + options.waitForReadyNanoseconds
      ) { [unowned self] attempt, error, delay in
        log?.retrying(attempt: attempt, after: error, delay: delay)
      }
    }
    channel.connect()
  }

  /// The first connection starts the calls; later ones (after GOAWAY) carry them on.
  private func connected(_ stream: any ByteStream) {
    log?.connected(stream)
    guard !driverStarted, !finishing, let driver, let channel else { return }
    driverStarted = true
    driver.start(on: channel)
  }

  /// The `:authority`: as given, else the address as the user wrote it (unix sockets have none).
  private var authority: String {
    if let authority = options.authority { return authority }
    switch options.address {
    case .tcp: return options.address.description
    case .unix: return "localhost"
    }
  }

  private func finish(_ newOutcome: ClientOutcome) {
    guard newOutcome.supersedes(outcome) else { return }
    outcome = newOutcome
    guard !finishing else { return }
    finishing = true
    sink.ignoreIdleClosedReader()
    if case .ok = newOutcome {} else { driver?.cancelAll() }
    sink.end()
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
    guard let channel, channel.isOpen else { return loop.stop() }
    loop.schedule(after: Self.closeGraceNanoseconds) { [unowned self] in loop.stop() }
    channel.onClosed = { [unowned self] in loop.stop() }
    channel.close()
  }

  private func report(_ outcome: ClientOutcome) -> Int32 {
    sink.flush()
    sink.close()
    interrupts?.cancel()
    if let message = outcome.message { ClientDiagnostics.error(message) }
    return outcome.exitCode
  }
}
