import Glibc
import RouteGuideProtocol
import Testing

@testable import RouteGuideTransport

/// The server's connection limit: a new connection closes the one idle the longest, or is
/// closed itself (GOAWAY `max_connections`) when every connection has calls open.
@Suite(.timeLimit(.minutes(5))) struct ServerLimitsTests {
  final class Fixture {
    let loop = EventLoop()
    let listener: Listener
    let server: Server
    var calls: [ServerCall] = []

    init(maxConnections: Int) throws {
      listener = try Listener(address: .tcp(host: "127.0.0.1", port: 0))
      var accept: ((ServerCall) -> Void)?
      server = Server(
        loop: loop, listeners: [listener], tls: nil,
        configuration: Server.Configuration(maxConnections: maxConnections),
        acceptCall: { accept?($0) })
      // Calls stay open until the test ends them.
      accept = { [unowned self] call in
        let handler = ScriptedHandler()
        handler.onFinishReceiving = nil
        call.handler = handler
        calls.append(call)
      }
    }

    /// A raw client whose SETTINGS exchange is done (so the server has set it up).
    func connect() throws -> RawHTTP2Peer {
      let stream = try LoopDriver.connect(listener.localAddress, loop: loop).get()
      let peer = try RawHTTP2Peer(stream: stream, loop: loop)
      try LoopDriver.run(loop) { peer.eventCount > 0 || peer.closeError != nil }
      return peer
    }

    /// Opens a call on `peer` that stays open.
    func openCall(on peer: RawHTTP2Peer) throws {
      let before = calls.count
      try peer.request(HTTP2ServerConnectionTests.RawPair.grpcHeaders(), body: [])
      try LoopDriver.run(loop) { calls.count == before + 1 }
    }
  }

  @Test func newConnectionClosesTheOneIdleTheLongest() throws {
    let fixture = try Fixture(maxConnections: 3)
    let oldestIdle = try fixture.connect()
    let busy = try fixture.connect()
    try fixture.openCall(on: busy)
    let newerIdle = try fixture.connect()
    #expect(fixture.server.connectionCount == 3)
    // `busy` connected after `oldestIdle` but has a call: it is never the one to go.
    let newcomer = try fixture.connect()
    try LoopDriver.run(fixture.loop) { oldestIdle.closeError != nil }
    #expect(oldestIdle.goAways.last?.errorCode == HTTP2ErrorCode.noError)
    #expect(fixture.server.connectionCount == 3)
    #expect(busy.closeError == nil && newerIdle.closeError == nil)
    try fixture.openCall(on: newcomer)
  }

  @Test func newConnectionIsRefusedWhenEveryConnectionHasCalls() throws {
    let fixture = try Fixture(maxConnections: 2)
    let first = try fixture.connect()
    try fixture.openCall(on: first)
    let second = try fixture.connect()
    try fixture.openCall(on: second)
    let refused = try fixture.connect()
    try LoopDriver.run(fixture.loop) { refused.closeError != nil }
    #expect(refused.goAways.last?.errorCode == HTTP2ErrorCode.noError)
    #expect(refused.goAways.last?.lastStreamID == 0)
    #expect(fixture.server.connectionCount == 2)
    #expect(first.closeError == nil && second.closeError == nil)
    // Room again once a call ends and its connection is idle.
    fixture.calls[0].finish(.ok)
    let later = try fixture.connect()
    try fixture.openCall(on: later)
    try LoopDriver.run(fixture.loop) { first.closeError != nil }
  }
}
