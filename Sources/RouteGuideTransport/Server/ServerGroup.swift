/// A server on several threads: one event loop each, each with its own Server and services.
///
/// The first loop runs on the calling thread, accepts every connection and places it on the
/// loop with the fewest (ConnectionBalancer), handing it over as a descriptor through that
/// loop's mailbox. Nothing but those messages, the balancer's counts and what the services
/// choose to share crosses threads: a connection and its calls live on one loop for good.
public final class ServerGroup {
  /// What one loop serves with, made on that loop's thread by the group's `makeServices`.
  public struct LoopServices {
    public var acceptCall: (ServerCall) -> Void
    /// A graceful shutdown begins on this loop (before its GOAWAYs).
    public var beginShutdown: () -> Void

    public init(acceptCall: @escaping (ServerCall) -> Void, beginShutdown: @escaping () -> Void) {
      self.acceptCall = acceptCall
      self.beginShutdown = beginShutdown
    }
  }

  enum LoopMessage: Sendable {
    case adopt(AcceptedSocket, mustMakeRoom: Bool)
    case shutdown
  }

  enum Report: Sendable {
    case finished(loop: Int)
    case failed(loop: Int, TransportError)
    case shutdownRequested
  }

  /// Starts the group's graceful shutdown from any thread (as a signal does on the first
  /// loop); a second use cuts what is left.
  public struct ShutdownTrigger: Sendable {
    fileprivate let reports: LoopMailbox<Report>

    public func fire() { reports.post(.shutdownRequested) }
  }

  /// For whoever runs the group on another thread than the one that stops it.
  public var shutdownTrigger: ShutdownTrigger { ShutdownTrigger(reports: reports) }

  /// The first loop's: it accepts, and `run` returns when every loop has shut down.
  public let loop: EventLoop
  private let first: ServerGroupLoop
  let balancer: ConnectionBalancer
  /// The other loops' mailboxes, by loop index minus one.
  private let mailboxes: [LoopMailbox<LoopMessage>]
  private let reports: LoopMailbox<Report>
  private let startOthers: [@Sendable () -> Void]
  private var threads: [LoopThread] = []
  private var finished = Set<Int>()
  private var failure: TransportError?
  private var shuttingDown = false

  /// Loops, counting the calling thread's; at least one.
  public var loopCount: Int { mailboxes.count + 1 }
  /// Connections on each loop now (placed and not yet gone); empty with one loop.
  public var connectionCounts: [Int] { loopCount > 1 ? balancer.connectionCounts : [] }

  /// Builds the first loop now (its services made here); the others start in `run`.
  public init(
    loop: EventLoop, threads: Int, listeners: [Listener], tls: TLSServerContext?,
    configuration: Server.Configuration,
    makeServices: @escaping @Sendable (EventLoop) -> LoopServices
  ) throws(TransportError) {
    let count = max(1, threads)
    self.loop = loop
    let balancer = ConnectionBalancer(loops: count, maxConnections: configuration.maxConnections)
    self.balancer = balancer
    var mailboxes: [LoopMailbox<LoopMessage>] = []
    for _ in 1..<count { mailboxes.append(try LoopMailbox()) }
    self.mailboxes = mailboxes
    let reports = try LoopMailbox<Report>()
    self.reports = reports
    first = ServerGroupLoop(
      index: 0, loop: loop, listeners: listeners, tls: tls, configuration: configuration,
      services: makeServices(loop), balancer: count > 1 ? balancer : nil)
    startOthers = mailboxes.enumerated().map { offset, mailbox in
      let body: @Sendable () -> Void = {
        Self.runLoop(
          index: offset + 1, mailbox: mailbox, reports: reports, tls: tls,
          configuration: configuration, makeServices: makeServices, balancer: balancer)
      }
      return body
    }
    // One loop accepts for itself and counts its own connections (Server.acceptPending).
    if count > 1 { first.server.placeConnection = { [unowned self] in self.place($0) } }
    reports.attach(to: loop) { [unowned self] report in self.handle(report) }
  }

  /// Reports a connection that could not be set up on the first loop.
  public var onConnectionError: ((TransportError) -> Void)? {
    get { first.server.onConnectionError }
    set { first.server.onConnectionError = newValue }
  }

  /// Starts the other loops' threads (once). Their messages wait in their mailboxes until
  /// they run, so the first loop may accept before they are up.
  public func start() throws(TransportError) {
    guard threads.isEmpty else { return }
    for start in startOthers { threads.append(try LoopThread(start)) }
  }

  /// Whether every loop has finished its shutdown.
  public var isFinished: Bool { finished.count == loopCount }

  /// Starts the other loops, runs the first loop here until every loop has shut down, and
  /// waits for the threads. Throws what stopped a loop, if one failed.
  public func run() throws(TransportError) {
    do {
      try start()
      try loop.run()
    } catch {
      failure = failure ?? error
      // Cut whatever still runs, so the threads end and can be joined.
      for mailbox in mailboxes {
        mailbox.post(.shutdown)
        mailbox.post(.shutdown)
      }
    }
    joinThreads()
    if let failure { throw failure }
  }

  /// Waits for the other loops' threads to end (after `isFinished`, at once).
  func joinThreads() {
    for thread in threads { thread.join() }
  }

  /// Starts a graceful shutdown on every loop; called again, cuts what is left (as
  /// Server.shutdownGracefully does).
  public func shutdownGracefully() {
    shuttingDown = true
    for mailbox in mailboxes { mailbox.post(.shutdown) }
    first.shutdown { [unowned self] in self.handle(.finished(loop: 0)) }
  }

  /// The body of every loop's thread but the first: build, serve until shut down, report.
  private static func runLoop(
    index: Int, mailbox: LoopMailbox<LoopMessage>, reports: LoopMailbox<Report>,
    tls: TLSServerContext?, configuration: Server.Configuration,
    makeServices: (EventLoop) -> LoopServices, balancer: ConnectionBalancer
  ) {
    let loop = EventLoop()
    let member = ServerGroupLoop(
      index: index, loop: loop, listeners: [], tls: tls, configuration: configuration,
      services: makeServices(loop), balancer: balancer)
    let token = mailbox.attach(to: loop) { message in
      switch message {
      case .adopt(let socket, let mustMakeRoom):
        member.server.adopt(socket, mustMakeRoom: mustMakeRoom)
      case .shutdown:
        member.shutdown {
          reports.post(.finished(loop: index))
          loop.stop()
        }
      }
    }
    do throws(TransportError) {
      try loop.run()
    } catch {
      // Nothing runs this loop any more: its connections are cut now, it takes no new ones,
      // and what was already sent its way is closed.
      balancer.retire(loop: index)
      member.server.abortAll()
      for case .adopt(let socket, _) in mailbox.take() { socket.close() }
      reports.post(.failed(loop: index, error))
    }
    // The watch holds the member, which holds the loop: let them go with the thread.
    loop.unwatch(token)
  }

  private func place(_ socket: AcceptedSocket) {
    let placement = balancer.place()
    if placement.loop == 0 {
      first.server.adopt(socket, mustMakeRoom: placement.mustMakeRoom)
    } else {
      mailboxes[placement.loop - 1].post(.adopt(socket, mustMakeRoom: placement.mustMakeRoom))
    }
  }

  private func handle(_ report: Report) {
    switch report {
    case .shutdownRequested:
      shutdownGracefully()
    case .finished(let index):
      finished.insert(index)
      // The first loop keeps running until all have finished: a second signal, which only it
      // hears, must still reach the others.
      if isFinished { loop.stop() }
    case .failed(let index, let error):
      failure = failure ?? error
      finished.insert(index)
      if !shuttingDown { shutdownGracefully() }
      if isFinished { loop.stop() }
    }
  }
}

/// One loop of a ServerGroup: its Server and services, and what it tells the balancer.
final class ServerGroupLoop {
  let server: Server
  private let services: ServerGroup.LoopServices
  private var publishedIdle = false

  init(
    index: Int, loop: EventLoop, listeners: [Listener], tls: TLSServerContext?,
    configuration: Server.Configuration, services: ServerGroup.LoopServices,
    balancer: ConnectionBalancer?
  ) {
    self.services = services
    server = Server(
      loop: loop, listeners: listeners, tls: tls, configuration: configuration,
      acceptCall: services.acceptCall)
    guard let balancer else { return }
    server.onConnectionEnded = { balancer.connectionEnded(on: index) }
    // Whether this loop has an idle connection, for the balancer's choice at the limit;
    // told only when it changes, so a busy loop takes no lock per wake-up.
    loop.beforeBlocking { [unowned self] in
      let idle = server.hasIdleConnection
      guard idle != publishedIdle else { return }
      publishedIdle = idle
      balancer.setHasIdle(idle, on: index)
    }
  }

  func shutdown(completion: @escaping () -> Void) {
    services.beginShutdown()
    server.shutdownGracefully { completion() }
  }
}
