import Glibc
import RouteGuideProtocol
import Testing

@testable import RouteGuideTransport

/// What a client may cost a server connection: idle time, PINGs, resets, buffers.
@Suite(.timeLimit(.minutes(5))) struct HTTP2ServerConnectionLimitsTests {
  typealias RawPair = HTTP2ServerConnectionTests.RawPair
  static let millisecond: UInt64 = 1_000_000

  static func framed(_ payload: [UInt8]) -> [UInt8] {
    HTTP2ServerConnectionTests.framed(payload)
  }

  @Test func idleConnectionGetsGoAwayThenCloses() throws {
    let pair = try RawPair(policy: ConnectionPolicy(maxIdleNanoseconds: 200 * Self.millisecond))
    let start = EventLoop.now()
    try runLoop(pair.loop) { pair.serverClosed && pair.client.closeError != nil }
    #expect(EventLoop.now() - start >= 200 * Self.millisecond)
    #expect(pair.client.goAways.last?.errorCode == HTTP2ErrorCode.noError)
    // Closed in order: the client saw the GOAWAY, not a broken connection.
    if case .some(.some(let error)) = pair.client.closeError {
      Issue.record("the connection broke: \(error)")
    }
  }

  @Test func idleClockWaitsForTheLastCallToEnd() throws {
    let pair = try RawPair(policy: ConnectionPolicy(maxIdleNanoseconds: 200 * Self.millisecond))
    pair.configure = { $0.onFinishReceiving = nil }
    let id = try pair.client.request(RawPair.grpcHeaders(), body: Self.framed([1]))
    try runLoop(pair.loop) { pair.accepted.count == 1 }
    try runLoop(pair.loop, for: 0.5)
    #expect(!pair.serverClosed)
    #expect(pair.client.goAways.isEmpty)
    let ended = EventLoop.now()
    pair.accepted[0].finish(.ok)
    try runLoop(pair.loop) { pair.serverClosed }
    #expect(EventLoop.now() - ended >= 200 * Self.millisecond)
    #expect(pair.client.value("grpc-status", on: id) == "0")
  }

  /// The client waits for each ACK, so every PING is answered until the fourth close one.
  @Test func tooManyPingsEndTheConnectionWithEnhanceYourCalm() throws {
    let pair = try RawPair(policy: ConnectionPolicy(minPingIntervalNanoseconds: 3_600_000_000_000))
    for sent in 1...3 {
      try pair.client.ping()
      try runLoop(pair.loop) { pair.client.pingAcks == sent }
    }
    #expect(pair.client.goAways.isEmpty)
    try pair.client.ping()
    try runLoop(pair.loop) { pair.serverClosed && pair.client.closeError != nil }
    #expect(pair.client.goAways.last?.errorCode == HTTP2ErrorCode.enhanceYourCalm)
  }

  /// Clients ping to measure bandwidth while responses flow: not a strike.
  @Test func pingsBetweenResponsesAreFine() throws {
    let pair = try RawPair(policy: ConnectionPolicy(minPingIntervalNanoseconds: 3_600_000_000_000))
    for round in 1...6 {
      let id = try pair.client.request(RawPair.grpcHeaders(), body: Self.framed([1]))
      try runLoop(pair.loop) { pair.client.closed[id] != nil }
      try pair.client.ping()
      try runLoop(pair.loop) { pair.client.pingAcks == round }
    }
    #expect(pair.client.goAways.isEmpty)
    #expect(!pair.serverClosed)
  }

  @Test func pingsAtThePermittedIntervalAreFine() throws {
    let pair = try RawPair(
      policy: ConnectionPolicy(minPingIntervalNanoseconds: 50 * Self.millisecond))
    for round in 1...6 {
      try pair.client.ping()
      try runLoop(pair.loop) { pair.client.pingAcks == round }
      try runLoop(pair.loop, for: 0.06)
    }
    #expect(pair.client.goAways.isEmpty)
  }

  /// Open and cancel faster than the limit: GOAWAY ENHANCE_YOUR_CALM, before nghttp2's own
  /// limit would answer INTERNAL_ERROR.
  @Test func rapidResetEndsTheConnectionWithEnhanceYourCalm() throws {
    let pair = try RawPair(
      maxConcurrentStreams: 100, policy: ConnectionPolicy(resetBurst: 5, resetsPerSecond: 1))
    pair.configure = { $0.onFinishReceiving = nil }
    for index in 0..<6 {
      // nghttp2 drops a request reset before its HEADERS went out: wait for the call.
      let id = try pair.client.request(RawPair.grpcHeaders(), body: [])
      try runLoop(pair.loop) { pair.accepted.count == index + 1 }
      try pair.client.reset(id, HTTP2ErrorCode.cancel)
    }
    try runLoop(pair.loop) { pair.serverClosed && pair.client.closeError != nil }
    #expect(pair.client.goAways.last?.errorCode == HTTP2ErrorCode.enhanceYourCalm)
  }

  @Test func fewResetsAreFine() throws {
    let pair = try RawPair(policy: ConnectionPolicy(resetBurst: 5, resetsPerSecond: 1))
    pair.configure = { $0.onFinishReceiving = nil }
    for index in 0..<5 {
      let id = try pair.client.request(RawPair.grpcHeaders(), body: [])
      try runLoop(pair.loop) { pair.accepted.count == index + 1 }
      try pair.client.reset(id, HTTP2ErrorCode.cancel)
      try runLoop(pair.loop) { pair.handlers[index].cancelled }
    }
    let id = try pair.client.request(RawPair.grpcHeaders(), body: Self.framed([2]))
    pair.configure = { _ in }
    try runLoop(pair.loop) { pair.client.closed[id] != nil || pair.serverClosed }
    #expect(pair.client.goAways.isEmpty)
  }

  /// A connection whose last call ended keeps no buffers sized for that call's response.
  @Test func idleConnectionGivesItsBuffersBack() throws {
    let pair = try RawPair()
    let big = [UInt8](repeating: 7, count: 200_000)
    let id = try pair.client.request(RawPair.grpcHeaders(), body: Self.framed(big))
    try runLoop(pair.loop) { pair.client.closed[id] != nil }
    #expect(pair.client.data[id]?.count == big.count + 5)
    try runLoop(pair.loop) { pair.server.pump.retainedBufferBytes == 0 }
  }

  @Test func closeNowSendsGoAwayAndCancelsOpenCalls() throws {
    let pair = try RawPair()
    pair.configure = { $0.onFinishReceiving = nil }
    _ = try pair.client.request(RawPair.grpcHeaders(), body: Self.framed([1]))
    try runLoop(pair.loop) { pair.accepted.count == 1 }
    pair.server.closeNow(reason: "max_connections")
    #expect(pair.serverClosed)
    #expect(pair.handlers[0].cancelled)
    try runLoop(pair.loop) { pair.client.closeError != nil }
    #expect(pair.client.goAways.last?.errorCode == HTTP2ErrorCode.noError)
    #expect(pair.client.goAways.last?.lastStreamID == 1)
  }
}
