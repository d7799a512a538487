import Glibc
import RouteGuideProtocol
import Testing

@testable import RouteGuideTransport

/// ClientChannel: connecting on demand, carrying on after GOAWAY, failing and closing cleanly.
@Suite(.timeLimit(.minutes(5))) struct ClientChannelTests {
  static func channel(to address: ServerAddress, loop: EventLoop) -> ClientChannel {
    ClientChannel(
      configuration: ClientChannel.Configuration(
        address: address, tls: nil, connectTimeoutNanoseconds: 5_000_000_000,
        authority: "localhost", userAgent: "rg-tests/1"),
      loop: loop)
  }

  static func echo(_ channel: ClientChannel, _ payload: [UInt8]) -> RecordingClientDelegate {
    let delegate = RecordingClientDelegate()
    let call = channel.startCall(
      ClientCallRequest(path: "/test.Service/Echo", expectsSingleResponse: false),
      delegate: delegate)
    call.send(RawMessage(payload))
    call.closeSending()
    return delegate
  }

  @Test func callsStartedBeforeTheConnectionWaitForIt() throws {
    let fixture = try ServerTests.Fixture()
    let channel = Self.channel(to: fixture.listener.localAddress, loop: fixture.loop)
    var connected = 0
    channel.onConnected = { _ in connected += 1 }
    let delegate = Self.echo(channel, [1, 2])
    try LoopDriver.run(fixture.loop) { delegate.status != nil }
    #expect(delegate.status == .ok)
    #expect(delegate.messages == [[1, 2]])
    #expect(connected == 1)
  }

  @Test func afterGoAwayTheOpenCallFinishesAndNewCallsGoToANewConnection() throws {
    let fixture = try ServerTests.Fixture()
    let channel = Self.channel(to: fixture.listener.localAddress, loop: fixture.loop)
    var failures: [TransportError] = []
    channel.onConnectionLost = { failures.append($0) }
    channel.onConnectFailed = { failures.append($0) }
    // The first call stays open: its handler waits for the client to half-close.
    let first = RecordingClientDelegate()
    let open = channel.startCall(
      ClientCallRequest(path: "/test.Service/Echo", expectsSingleResponse: false),
      delegate: first)
    open.send(RawMessage([1]))
    try LoopDriver.run(fixture.loop) { first.messages.count == 1 }
    for connection in fixture.server.connections.values { connection.shutdownGracefully() }
    try LoopDriver.run(fixture.loop) { !channel.hasUsableConnection }
    let second = Self.echo(channel, [2])
    try LoopDriver.run(fixture.loop) { second.status != nil }
    #expect(second.status == .ok && second.messages == [[2]])
    open.closeSending()
    try LoopDriver.run(fixture.loop) { first.status != nil }
    #expect(first.status == .ok)
    #expect(failures.isEmpty, "\(failures)")
  }

  @Test func aFailedConnectFailsWaitingCallsAndSaysWhy() throws {
    let loop = EventLoop()
    let unused = try Listener(address: .tcp(host: "127.0.0.1", port: 0))
    let address = unused.localAddress
    unused.close()
    let channel = Self.channel(to: address, loop: loop)
    var failure: TransportError?
    channel.onConnectFailed = { failure = $0 }
    let delegate = Self.echo(channel, [1])
    try LoopDriver.run(loop) { delegate.status != nil && failure != nil }
    #expect(delegate.status?.code == .unavailable)
    #expect(failure?.message.contains("connection refused") == true)
  }

  @Test func closeEndsEveryConnectionAndSaysSo() throws {
    let fixture = try ServerTests.Fixture()
    let channel = Self.channel(to: fixture.listener.localAddress, loop: fixture.loop)
    let delegate = Self.echo(channel, [3])
    try LoopDriver.run(fixture.loop) { delegate.status != nil }
    var closed = false
    channel.onClosed = { closed = true }
    channel.close()
    try LoopDriver.run(fixture.loop) { closed }
    #expect(!channel.isOpen)
  }

  @Test func aWaitsLastAttemptComesJustBeforeItsDeadline() {
    let second: UInt64 = 1_000_000_000
    // Far from the deadline: the plain backoff.
    #expect(
      ClientChannel.retryDelay(afterFailures: 1, deadline: 10 * second, now: 0)
        == ClientChannel.backoff(afterFailures: 1))
    // The full step would pass the deadline: cut to leave the last attempt its time.
    let now = 4 * second - 800_000_000
    #expect(
      ClientChannel.retryDelay(afterFailures: 8, deadline: 4 * second, now: now)
        == 800_000_000 - ClientChannel.lastAttemptTime)
    // Within the last attempt's time: no more attempts.
    #expect(
      ClientChannel.retryDelay(
        afterFailures: 8, deadline: 4 * second, now: 4 * second - ClientChannel.lastAttemptTime)
        == nil)
  }
}
