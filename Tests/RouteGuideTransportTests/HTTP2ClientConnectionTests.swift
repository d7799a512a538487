import RouteGuideProtocol
import Testing

@testable import RouteGuideTransport

@Suite struct HTTP2ClientConnectionTests {
  /// Index `n` as four big-endian bytes plus padding, so order can be checked.
  static func numbered(_ index: Int) -> RawMessage {
    let value = UInt32(index)
    return RawMessage(
      [
        UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff),
        UInt8(value & 0xff),
      ]
        + [UInt8](repeating: 0x7a, count: 16))
  }

  static func index(of payload: [UInt8]) -> Int {
    payload.prefix(4).reduce(0) { $0 << 8 | Int($1) }
  }

  /// A handler that streams `total` messages, never holding more than 1 MiB in its buffer.
  final class StreamingSource {
    let total: Int
    var sent = 0
    var maxBuffered = 0

    init(total: Int) { self.total = total }

    func fill(_ call: ServerCall) {
      while sent < total && call.bufferedResponseBytes < 1 << 20 {
        call.send(HTTP2ClientConnectionTests.numbered(sent))
        sent += 1
        maxBuffered = max(maxBuffered, call.bufferedResponseBytes)
      }
      if sent == total { call.finish(.ok) }
    }
  }

  @Test func serverStreamingWithAPausingConsumerKeepsBuffersBounded() throws {
    let pair = try HTTP2Pair()
    let source = StreamingSource(total: 100_000)
    pair.makeHandler = { _ in
      let handler = ScriptedHandler()
      handler.onFinishReceiving = { source.fill($0) }
      handler.onCanSendMore = { source.fill($0) }
      return handler
    }
    let delegate = RecordingClientDelegate()
    var pauses = 0
    delegate.onMessage = { _, _ in
      if delegate.messages.count % 30_000 == 0 { pair.client.pauseReading() }
    }
    pair.start(delegate).closeSending()
    while delegate.finishCount == 0 {
      try pair.run { delegate.finishCount > 0 || pair.client.isReadingPaused }
      guard pair.client.isReadingPaused else { break }
      pauses += 1
      // While the consumer is paused the server's buffers fill up, then stop growing.
      try runLoop(pair.loop, for: 0.15)
      let first = source.sent
      try runLoop(pair.loop, for: 0.15)
      #expect(source.sent == first)
      pair.client.resumeReading()
    }
    #expect(pauses == 3)
    #expect(delegate.status == .ok)
    #expect(delegate.messages.count == 100_000)
    #expect(delegate.messages.enumerated().allSatisfy { Self.index(of: $0.element) == $0.offset })
    #expect(source.maxBuffered < (1 << 20) + 64)
  }

  @Test func callsBeyondTheServersStreamLimitAreQueuedNotFailed() throws {
    let pair = try HTTP2Pair(maxConcurrentStreams: 5)
    var maxOpen = 0
    pair.makeHandler = { _ in
      let handler = ScriptedHandler()
      // Answer later, so streams stay open and the limit matters.
      handler.onMessage = { call, payload in
        pair.loop.schedule(after: 2_000_000) { call.send(RawMessage(payload)) }
      }
      handler.onFinishReceiving = { call in
        pair.loop.schedule(after: 3_000_000) { call.finish(.ok) }
      }
      return handler
    }
    var capacityCalls = 0
    pair.client.onStreamCapacity = { capacityCalls += 1 }
    let delegates = (0..<50).map { _ in RecordingClientDelegate() }
    for (index, delegate) in delegates.enumerated() {
      let call = pair.start(delegate, unary: true)
      call.send(RawMessage([UInt8(index)]))
      call.closeSending()
    }
    try pair.run {
      maxOpen = max(maxOpen, pair.server.openCallCount)
      return delegates.allSatisfy { $0.finishCount == 1 }
    }
    #expect(pair.client.maxConcurrentStreams == 5)
    #expect(maxOpen <= 5)
    #expect(delegates.allSatisfy { $0.status == .ok })
    #expect(delegates.enumerated().allSatisfy { $0.element.messages == [[UInt8($0.offset)]] })
    #expect(capacityCalls >= 50)
  }

  @Test func gracefulGoAwayLetsOpenCallsFinishAndRefusesNewOnes() throws {
    let pair = try HTTP2Pair()
    let open = RecordingClientDelegate()
    let call = pair.start(open)
    call.send(RawMessage([1]))
    try pair.run { open.messages.count == 1 }
    pair.server.shutdownGracefully()
    // Both GOAWAYs go out (the final one after the PING round trip); the open call lives on.
    try runLoop(pair.loop, for: 0.1)
    #expect(open.finishCount == 0)
    #expect(!pair.client.isClosed && !pair.server.isClosed)
    call.send(RawMessage([2]))
    call.closeSending()
    try pair.run { open.finishCount > 0 }
    #expect(open.status == .ok)
    #expect(open.messages == [[1], [2]])
    try pair.run { pair.serverClosed && pair.clientClose != nil }
    let late = RecordingClientDelegate()
    pair.start(late, unary: true).closeSending()
    try pair.run { late.finishCount > 0 }
    #expect(late.status?.code == .unavailable)
  }

  @Test func callsStartedAfterTheShutdownNoticeFailFast() throws {
    let pair = try HTTP2Pair()
    let open = RecordingClientDelegate()
    pair.start(open).send(RawMessage([1]))
    try pair.run { open.messages.count == 1 }
    pair.server.shutdownGracefully()
    try runLoop(pair.loop, for: 0.05)
    let late = RecordingClientDelegate()
    pair.start(late, unary: true).closeSending()
    try pair.run { late.finishCount > 0 }
    #expect(late.status?.code == .unavailable)
    #expect(late.status?.message.contains("GOAWAY") == true)
    #expect(pair.serverCalls.count == 1)
    #expect(open.finishCount == 0)
  }

  @Test func goAwayBelowOurStreamIsUnavailable() throws {
    let pair = try HTTP2Pair()
    pair.makeHandler = { call in
      let handler = ScriptedHandler()
      // The server stops at once with a final GOAWAY naming only the streams it has seen.
      pair.server.shutdownGracefully()
      pair.server.sendFinalGoAway()
      return handler
    }
    let first = RecordingClientDelegate()
    let second = RecordingClientDelegate()
    let firstCall = pair.start(first)
    try pair.run { pair.serverCalls.count == 1 }
    let secondCall = pair.start(second)
    secondCall.closeSending()
    try pair.run { second.finishCount > 0 }
    #expect(second.status?.code == .unavailable)
    #expect(second.status?.message.contains("GOAWAY") == true)
    firstCall.closeSending()
    try pair.run { first.finishCount > 0 }
    #expect(first.status == .ok)
  }

  @Test func connectionDropMidStreamIsUnavailable() throws {
    let pair = try HTTP2Pair()
    let delegate = RecordingClientDelegate()
    let call = pair.start(delegate)
    call.send(RawMessage([1]))
    try pair.run { delegate.messages.count == 1 }
    pair.server.abort()
    try pair.run { delegate.finishCount > 0 }
    #expect(delegate.status?.code == .unavailable)
    // The kernel sends RST instead of FIN when the server closes with bytes of ours unread (a
    // WINDOW_UPDATE for the message, say), so either word is the same drop.
    let dropped = ["connection closed by test-server", "connection reset by test-server"]
    #expect(
      dropped.contains(delegate.status?.message ?? ""), "\(String(describing: delegate.status))")
    #expect(pair.handlers[0].cancelled)
    try pair.run { pair.clientClose != nil }
    #expect(pair.clientClose??.kind == .unavailable)
  }

  @Test func closeEndsOpenCallsAsCancelledAndReportsNoError() throws {
    let pair = try HTTP2Pair()
    let delegate = RecordingClientDelegate()
    pair.start(delegate).send(RawMessage([1]))
    try pair.run { delegate.messages.count == 1 }
    pair.client.close()
    try pair.run { pair.clientClose != nil && delegate.finishCount > 0 }
    #expect(delegate.status?.code == .cancelled)
    #expect(pair.clientClose! == nil)
    try pair.run { pair.serverClosed }
    #expect(pair.handlers[0].cancelled)
  }

  @Test func aServerThatBreaksHTTP2EndsTheCallsWithInternal() throws {
    let loop = EventLoop()
    let (clientStream, serverStream) = try makeSocketPair()
    let client = try HTTP2ClientConnection(
      stream: clientStream, loop: loop, authority: "test.local", scheme: "http",
      userAgent: "rg-tests/1")
    var closeError: TransportError?
    client.onClose = { closeError = $0 }
    let delegate = RecordingClientDelegate()
    _ = client.startCall(
      path: "/test.Service/Method", metadata: [], timeoutNanoseconds: nil,
      maxReceiveMessageSize: 100, expectsSingleResponse: true, delegate: delegate)
    let garbage = [UInt8]("HTTP/1.1 400 Bad Request\r\n\r\n".utf8)
    _ = try garbage.withUnsafeBytes { try serverStream.write($0) }
    try runLoop(loop) { delegate.finishCount > 0 && closeError != nil }
    #expect(delegate.status?.code == .internal)
    #expect(closeError?.kind == .protocolError)
    #expect(delegate.status?.message.hasPrefix("test-server: HTTP/2 protocol error") == true)
    #expect(
      delegate.status?.message.contains("GOAWAY") == true, "\(String(describing: delegate.status))")
  }
}
