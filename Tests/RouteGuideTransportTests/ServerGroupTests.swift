import Glibc
import RouteGuideProtocol
import Testing

@testable import RouteGuideTransport

/// A server on several loops: connections spread over them, calls answered on each, one
/// shutdown reaching all, and one connection limit for the group.
@Suite(.timeLimit(.minutes(5))) struct ServerGroupTests {
  /// Which loop answered each call, written from the loops' threads.
  final class CallLog: @unchecked Sendable {
    private let lock = Lock()
    private var loopsMade = 0
    private var callsByLoop: [Int: Int] = [:]

    func newLoop() -> Int {
      lock.withLock {
        defer { loopsMade += 1 }
        return loopsMade
      }
    }

    func call(on loop: Int) { lock.withLock { callsByLoop[loop, default: 0] += 1 } }

    var calls: [Int: Int] { lock.withLock { callsByLoop } }
    var callCount: Int { calls.values.reduce(0, +) }
  }

  /// How each loop's calls behave.
  enum CallScript: Sendable {
    /// Answered OK when the request ends.
    case answer
    /// Answered OK this long after the request ends.
    case answerAfter(nanoseconds: UInt64)
    /// Never answered (the server has to cut it).
    case hold
  }

  /// Hands the group to the thread that runs it; nothing else touches it after that.
  final class Handoff: @unchecked Sendable {
    let group: ServerGroup
    var failure: TransportError?
    init(_ group: ServerGroup) { self.group = group }
  }

  /// The group runs on its own thread, as in `rg serve`; the clients run on this one.
  final class Fixture {
    let clientLoop = EventLoop()
    let address: ServerAddress
    let log = CallLog()
    let balancer: ConnectionBalancer
    let trigger: ServerGroup.ShutdownTrigger
    private let handoff: Handoff
    private var thread: LoopThread?
    var peers: [RawHTTP2Peer] = []

    init(
      threads: Int, script: CallScript, maxConnections: Int = 1000,
      gracePeriod: UInt64 = 5_000_000_000
    ) throws {
      let listener = try Listener(address: .tcp(host: "127.0.0.1", port: 0))
      address = listener.localAddress
      let log = self.log
      let group = try ServerGroup(
        loop: EventLoop(), threads: threads, listeners: [listener], tls: nil,
        configuration: Server.Configuration(
          gracePeriodNanoseconds: gracePeriod, maxConnections: maxConnections),
        makeServices: { loop in Self.services(loop, log.newLoop(), log, script) })
      balancer = group.balancer
      trigger = group.shutdownTrigger
      handoff = Handoff(group)
      thread = try LoopThread { [handoff] in
        do throws(TransportError) {
          try handoff.group.run()
        } catch {
          handoff.failure = error
        }
      }
    }

    deinit { stop() }

    static func services(_ loop: EventLoop, _ index: Int, _ log: CallLog, _ script: CallScript)
      -> ServerGroup.LoopServices
    {
      var held: [ServerCall] = []
      return ServerGroup.LoopServices(
        acceptCall: { call in
          log.call(on: index)
          let handler = ScriptedHandler()
          switch script {
          case .answer: break
          case .answerAfter(let delay):
            handler.onFinishReceiving = { call in loop.schedule(after: delay) { call.finish(.ok) } }
          case .hold:
            handler.onFinishReceiving = nil
            held.append(call)
          }
          call.handler = handler
        }, beginShutdown: {})
    }

    /// A raw client whose SETTINGS exchange is done.
    func connect() throws -> RawHTTP2Peer {
      let stream = try LoopDriver.connect(address, loop: clientLoop).get()
      let peer = try RawHTTP2Peer(stream: stream, loop: clientLoop)
      try LoopDriver.run(clientLoop) { peer.eventCount > 0 || peer.closeError != nil }
      peers.append(peer)
      return peer
    }

    @discardableResult
    func request(on peer: RawHTTP2Peer) throws -> Int32 {
      try peer.request(HTTP2ServerConnectionTests.RawPair.grpcHeaders(), body: [])
    }

    func waitForCalls(_ count: Int) throws {
      try LoopDriver.run(clientLoop) { log.callCount == count }
    }

    /// Waits for the group's run() to return (every loop shut down, threads joined).
    func join() throws {
      thread?.join()
      thread = nil
      if let failure = handoff.failure { throw failure }
    }

    /// Shuts the group down, if it still runs, and waits for it.
    func stop() {
      guard thread != nil else { return }
      trigger.fire()
      trigger.fire()
      try? join()
    }
  }

  static func status(_ peer: RawHTTP2Peer, _ stream: Int32) -> String? {
    peer.value("grpc-status", on: stream)
  }

  @Test func connectionsSpreadEvenlyAndEachLoopAnswersItsOwn() throws {
    let fixture = try Fixture(threads: 2, script: .answer)
    var streams: [(RawHTTP2Peer, Int32)] = []
    for _ in 0..<4 {
      let peer = try fixture.connect()
      streams.append((peer, try fixture.request(on: peer)))
    }
    try LoopDriver.run(fixture.clientLoop) {
      streams.allSatisfy { Self.status($0.0, $0.1) != nil }
    }
    #expect(streams.allSatisfy { Self.status($0.0, $0.1) == "0" })
    #expect(fixture.balancer.connectionCounts == [2, 2])
    #expect(fixture.log.calls == [0: 2, 1: 2])
  }

  @Test func oneLoopIsAPlainServer() throws {
    let fixture = try Fixture(threads: 1, script: .answer)
    let peer = try fixture.connect()
    let stream = try fixture.request(on: peer)
    try LoopDriver.run(fixture.clientLoop) { Self.status(peer, stream) != nil }
    #expect(Self.status(peer, stream) == "0")
    #expect(fixture.log.calls == [0: 1])
  }

  /// One loop counts the connections it has, not those it ever had: closed ones make room.
  @Test func oneLoopCountsOnlyItsOpenConnections() throws {
    let fixture = try Fixture(threads: 1, script: .answer, maxConnections: 2)
    for round in 0..<4 {
      let peer = try fixture.connect()
      let stream = try fixture.request(on: peer)
      try LoopDriver.run(fixture.clientLoop) { Self.status(peer, stream) != nil }
      #expect(Self.status(peer, stream) == "0", "connection \(round + 1)")
      #expect(peer.goAways.isEmpty, "connection \(round + 1): \(peer.goAways)")
      peer.pump.close(nil)
    }
  }

  @Test func aGracefulShutdownLetsCallsOnEveryLoopFinish() throws {
    let fixture = try Fixture(threads: 3, script: .answerAfter(nanoseconds: 300_000_000))
    var streams: [(RawHTTP2Peer, Int32)] = []
    for _ in 0..<3 {
      let peer = try fixture.connect()
      streams.append((peer, try fixture.request(on: peer)))
    }
    try fixture.waitForCalls(3)
    #expect(fixture.log.calls == [0: 1, 1: 1, 2: 1])
    fixture.trigger.fire()
    // GOAWAY on every connection, then each call's answer, then the close.
    try LoopDriver.run(fixture.clientLoop) {
      fixture.peers.allSatisfy { !$0.goAways.isEmpty && $0.closeError != nil }
    }
    #expect(streams.allSatisfy { Self.status($0.0, $0.1) == "0" })
    try fixture.join()
  }

  @Test func callsThatOutlastTheGracePeriodAreCutOnEveryLoop() throws {
    let fixture = try Fixture(threads: 2, script: .hold, gracePeriod: 200_000_000)
    for _ in 0..<2 { try fixture.request(on: try fixture.connect()) }
    try fixture.waitForCalls(2)
    let start = EventLoop.now()
    fixture.trigger.fire()
    try LoopDriver.run(fixture.clientLoop) { fixture.peers.allSatisfy { $0.closeError != nil } }
    try fixture.join()
    #expect(EventLoop.now() - start < 4_000_000_000)
    #expect(fixture.balancer.connectionCounts == [0, 0])
  }

  @Test func aSecondShutdownCutsAtOnce() throws {
    let fixture = try Fixture(threads: 2, script: .hold, gracePeriod: 60_000_000_000)
    for _ in 0..<2 { try fixture.request(on: try fixture.connect()) }
    try fixture.waitForCalls(2)
    fixture.trigger.fire()
    try LoopDriver.run(fixture.clientLoop) { fixture.peers.allSatisfy { !$0.goAways.isEmpty } }
    #expect(fixture.peers.allSatisfy { $0.closeError == nil })
    fixture.trigger.fire()
    try LoopDriver.run(fixture.clientLoop) { fixture.peers.allSatisfy { $0.closeError != nil } }
    try fixture.join()
  }

  /// The limit counts the group's connections, wherever they are: at it, the connection idle
  /// the longest is closed even when it is on another loop than the newcomer's turn.
  @Test func theConnectionLimitIsTheGroupsAndClosesAnIdleConnectionOnAnyLoop() throws {
    let fixture = try Fixture(threads: 2, script: .hold, maxConnections: 2)
    let idle = try fixture.connect()
    let idleLoop = try #require(fixture.balancer.connectionCounts.firstIndex(of: 1))
    let busy = try fixture.connect()
    try fixture.request(on: busy)
    try fixture.waitForCalls(1)
    #expect(fixture.balancer.connectionCounts == [1, 1])
    // Each loop tells the balancer whether it has an idle connection before it next blocks.
    try LoopDriver.run(fixture.clientLoop) {
      let idleLoops = fixture.balancer.loopsWithIdle
      return idleLoops[idleLoop] && !idleLoops[1 - idleLoop]
    }
    let newcomer = try fixture.connect()
    try LoopDriver.run(fixture.clientLoop) { idle.closeError != nil }
    #expect(idle.goAways.last?.errorCode == HTTP2ErrorCode.noError)
    #expect(busy.closeError == nil && newcomer.closeError == nil)
    // Now both have calls: the next one is refused.
    try fixture.request(on: newcomer)
    try fixture.waitForCalls(2)
    let refused = try fixture.connect()
    try LoopDriver.run(fixture.clientLoop) { refused.closeError != nil }
    #expect(refused.goAways.last?.lastStreamID == 0)
    #expect(busy.closeError == nil && newcomer.closeError == nil)
  }
}
