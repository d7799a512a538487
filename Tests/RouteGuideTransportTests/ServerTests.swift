import Glibc
import RouteGuideProtocol
import Testing

@testable import RouteGuideTransport

/// Server: accepting, many connections on one loop, and graceful shutdown.
@Suite(.timeLimit(.minutes(5))) struct ServerTests {
  /// A Server on a free loopback port whose calls echo, plus clients to talk to it.
  final class Fixture {
    let loop = EventLoop()
    let listener: Listener
    let server: Server
    var handlers: [ScriptedHandler] = []
    var clients: [HTTP2ClientConnection] = []

    init(gracePeriod: UInt64 = 5_000_000_000) throws {
      listener = try Listener(address: .tcp(host: "127.0.0.1", port: 0))
      var accept: ((ServerCall) -> Void)?
      server = Server(
        loop: loop, listeners: [listener], tls: nil,
        configuration: Server.Configuration(gracePeriodNanoseconds: gracePeriod),
        acceptCall: { accept?($0) })
      accept = { [unowned self] call in
        let handler = ScriptedHandler()
        call.handler = handler
        handlers.append(handler)
      }
    }

    func connect() throws -> HTTP2ClientConnection {
      let stream = try LoopDriver.connect(listener.localAddress, loop: loop).get()
      let client = try HTTP2ClientConnection(
        stream: stream, loop: loop, authority: "localhost", scheme: "http", userAgent: "test")
      clients.append(client)
      return client
    }

    func start(on client: HTTP2ClientConnection, _ delegate: RecordingClientDelegate)
      -> ClientCall
    {
      client.startCall(
        path: "/test.Service/Echo", metadata: [], timeoutNanoseconds: nil,
        maxReceiveMessageSize: 1 << 20, expectsSingleResponse: false, delegate: delegate)
    }
  }

  @Test func servesCallsOnManyConnectionsAtOnce() throws {
    let fixture = try Fixture()
    let delegates = (0..<5).map { _ in RecordingClientDelegate() }
    for delegate in delegates {
      let call = fixture.start(on: try fixture.connect(), delegate)
      call.send(RawMessage([1, 2, 3]))
      call.closeSending()
    }
    try LoopDriver.run(fixture.loop) { delegates.allSatisfy { $0.status != nil } }
    #expect(delegates.allSatisfy { $0.status == .ok && $0.messages == [[1, 2, 3]] })
    #expect(fixture.server.connectionCount == 5)
  }

  @Test func idleShutdownFinishesAtOnce() throws {
    let fixture = try Fixture()
    _ = try fixture.connect()
    try LoopDriver.run(fixture.loop) { fixture.server.connectionCount == 1 }
    var done = false
    fixture.server.shutdownGracefully { done = true }
    try LoopDriver.run(fixture.loop, seconds: 3) { done }
    #expect(fixture.server.connectionCount == 0)
    #expect(fixture.listener.fd == -1)
  }

  @Test func shutdownWaitsForOpenCallsThenFinishes() throws {
    let fixture = try Fixture()
    let delegate = RecordingClientDelegate()
    let call = fixture.start(on: try fixture.connect(), delegate)
    call.send(RawMessage([7]))
    try LoopDriver.run(fixture.loop) { delegate.messages.count == 1 }
    var done = false
    fixture.server.shutdownGracefully { done = true }
    try runLoop(fixture.loop, for: 0.3)
    #expect(!done)
    call.send(RawMessage([8]))  // the open stream still works after GOAWAY
    call.closeSending()
    try LoopDriver.run(fixture.loop) { done && delegate.status != nil }
    #expect(delegate.status == .ok)
    #expect(delegate.messages == [[7], [8]])
  }

  @Test func gracePeriodCutsStuckCalls() throws {
    let fixture = try Fixture(gracePeriod: 200_000_000)
    let delegate = RecordingClientDelegate()
    let call = fixture.start(on: try fixture.connect(), delegate)
    call.send(RawMessage([7]))
    try LoopDriver.run(fixture.loop) { delegate.messages.count == 1 }
    var done = false
    let start = EventLoop.now()
    fixture.server.shutdownGracefully { done = true }
    try LoopDriver.run(fixture.loop, seconds: 3) { done }
    #expect(EventLoop.now() - start < 2_000_000_000)
    try LoopDriver.run(fixture.loop, seconds: 3) { delegate.status != nil }
    #expect(delegate.status?.code == .unavailable)
  }

  @Test func secondShutdownCutsAtOnce() throws {
    let fixture = try Fixture()
    let delegate = RecordingClientDelegate()
    let call = fixture.start(on: try fixture.connect(), delegate)
    call.send(RawMessage([7]))
    try LoopDriver.run(fixture.loop) { delegate.messages.count == 1 }
    var completions = 0
    fixture.server.shutdownGracefully { completions += 1 }
    fixture.server.shutdownGracefully { completions += 1 }
    try LoopDriver.run(fixture.loop, seconds: 1) { completions == 1 }
    try runLoop(fixture.loop, for: 0.1)
    #expect(completions == 1)
    #expect(fixture.server.connectionCount == 0)
  }
}
