import RouteGuideProtocol
import Testing

@testable import RouteGuideTransport

@Suite struct ClientCallTests {
  @Test func unaryRoundTrip() throws {
    let pair = try HTTP2Pair()
    let delegate = RecordingClientDelegate()
    let call = pair.start(delegate, unary: true)
    call.send(RawMessage([1, 2, 3]))
    call.closeSending()
    try pair.run { delegate.finishCount > 0 }
    try runLoop(pair.loop, for: 0.05)
    #expect(delegate.status == .ok)
    #expect(delegate.finishCount == 1)
    #expect(delegate.messages == [[1, 2, 3]])
    #expect(delegate.headers?.first { $0.name == ":status" }?.value == "200")
    #expect(delegate.trailers.first { $0.name == "grpc-status" }?.value == "0")
    #expect(pair.handlers.first?.finishedReceiving == true)
    #expect(pair.handlers.first?.cancelled == false)
  }

  @Test func requestHeadersFollowTheProtocolOrder() throws {
    let pair = try HTTP2Pair()
    let delegate = RecordingClientDelegate()
    let call = pair.start(
      delegate, path: "/routeguide.RouteGuide/GetFeature", metadata: [("x-user", "a b")],
      timeout: 1_500_000_000, unary: true)
    let expected = [
      ":method: POST", ":scheme: http", ":path: /routeguide.RouteGuide/GetFeature",
      ":authority: test.local", "te: trailers", "content-type: application/grpc",
      "user-agent: rg-tests/1",
      "grpc-timeout: \(GRPCTimeout.encode(nanoseconds: 1_500_000_000))", "x-user: a b",
    ]
    #expect(call.requestHeaders.map { "\($0.name): \($0.value)" } == expected)
    call.closeSending()
    try pair.run { pair.serverCalls.count == 1 }
    let received = pair.serverCalls[0].headers.map { "\($0.name): \($0.value)" }
    #expect(Set(received).isSuperset(of: expected.filter { !$0.hasPrefix("grpc-timeout") }))
    #expect(pair.serverCalls[0].timeoutNanoseconds == 1_500_000_000)
    #expect(pair.serverCalls[0].path == "/routeguide.RouteGuide/GetFeature")
  }

  @Test func trailersOnlyStatusWithPercentEncodedMessage() throws {
    let pair = try HTTP2Pair()
    let text = "no feature at 50% of \"x\": ü 🚲\nsecond line"
    pair.makeHandler = { _ in
      let handler = ScriptedHandler()
      handler.onFinishReceiving = { $0.finish(GRPCStatus(.notFound, text)) }
      return handler
    }
    let delegate = RecordingClientDelegate()
    pair.start(delegate, unary: true).closeSending()
    try pair.run { delegate.finishCount > 0 }
    #expect(delegate.status == GRPCStatus(.notFound, text))
    #expect(delegate.headers == nil)  // Trailers-Only: no separate headers
    #expect(delegate.trailers.first { $0.name == ":status" }?.value == "200")
    #expect(delegate.messages.isEmpty)
  }

  @Test func unaryWithoutResponseIsUnimplemented() throws {
    let pair = try HTTP2Pair()
    pair.makeHandler = { _ in
      let handler = ScriptedHandler()
      handler.onMessage = nil
      return handler
    }
    let delegate = RecordingClientDelegate()
    let call = pair.start(delegate, unary: true)
    call.send(RawMessage([7]))
    call.closeSending()
    try pair.run { delegate.finishCount > 0 }
    #expect(delegate.status?.code == .unimplemented)
    #expect(delegate.messages.isEmpty)
  }

  @Test func unaryWithTwoResponsesIsUnimplementedAndDeliversNothing() throws {
    let pair = try HTTP2Pair()
    pair.makeHandler = { _ in
      let handler = ScriptedHandler()
      handler.onMessage = { call, payload in
        call.send(RawMessage(payload))
        call.send(RawMessage(payload))
      }
      return handler
    }
    let delegate = RecordingClientDelegate()
    let call = pair.start(delegate, unary: true)
    call.send(RawMessage([7]))
    call.closeSending()
    try pair.run { delegate.finishCount > 0 }
    try runLoop(pair.loop, for: 0.05)
    #expect(delegate.status?.code == .unimplemented)
    #expect(delegate.messages.isEmpty)
    #expect(delegate.finishCount == 1)
  }

  @Test func responseOverTheReceiveLimitIsResourceExhausted() throws {
    let pair = try HTTP2Pair()
    let delegate = RecordingClientDelegate()
    let call = pair.start(delegate, maxReceive: 100)
    call.send(RawMessage(count: 100))
    call.send(RawMessage(count: 101))
    try pair.run { delegate.finishCount > 0 }
    #expect(delegate.status?.code == .resourceExhausted)
    #expect(delegate.status?.message.contains("101") == true)
    #expect(delegate.messages == [[UInt8](repeating: 0x61, count: 100)])
    // The stream was reset, so the server sees the call cut short.
    try pair.run { pair.handlers.first?.cancelled == true }
  }

  @Test func cancelResetsTheStreamAndReportsCancelled() throws {
    let pair = try HTTP2Pair()
    let delegate = RecordingClientDelegate()
    let call = pair.start(delegate)
    call.send(RawMessage([1]))
    try pair.run { delegate.messages.count == 1 }
    call.cancel()
    #expect(delegate.status?.code == .cancelled)
    #expect(delegate.finishCount == 1)
    try pair.run { pair.handlers.first?.cancelled == true }
    call.send(RawMessage([2]))
    call.cancel()
    try runLoop(pair.loop, for: 0.05)
    #expect(delegate.finishCount == 1)
    #expect(pair.handlers[0].messages.count == 1)
  }

  @Test func localDeadlineIsDeadlineExceededAndResetsTheStream() throws {
    let pair = try HTTP2Pair()
    pair.makeHandler = { _ in
      let handler = ScriptedHandler()
      handler.onMessage = nil
      handler.onFinishReceiving = nil
      return handler
    }
    let delegate = RecordingClientDelegate()
    let start = EventLoop.now()
    // The server's own deadline is later than ours, so the client's timer fires first.
    let call = pair.start(delegate, metadata: [], timeout: 100_000_000, unary: true)
    call.closeSending()
    try pair.run { delegate.finishCount > 0 }
    #expect(delegate.status?.code == .deadlineExceeded)
    #expect(EventLoop.now() - start >= 100_000_000)
    try pair.run { pair.handlers.first?.cancelled == true }
  }

  @Test func clientStreamingDeliversEveryMessageInOrder() throws {
    let pair = try HTTP2Pair()
    pair.makeHandler = { _ in
      let handler = ScriptedHandler()
      handler.onMessage = nil
      handler.onFinishReceiving = { [unowned handler] call in
        call.send(RawMessage([UInt8(truncatingIfNeeded: handler.messages.count)]))
        call.finish(.ok)
      }
      return handler
    }
    let delegate = RecordingClientDelegate()
    let call = pair.start(delegate, unary: true)
    for index in 0..<1000 { call.send(RawMessage([UInt8(truncatingIfNeeded: index), 9])) }
    call.closeSending()
    try pair.run { delegate.finishCount > 0 }
    #expect(delegate.status == .ok)
    #expect(delegate.messages == [[UInt8(truncatingIfNeeded: 1000)]])
    let received = pair.handlers[0].messages
    #expect(received.count == 1000)
    #expect(
      received.enumerated().allSatisfy { $0.element == [UInt8(truncatingIfNeeded: $0.offset), 9] })
  }

  @Test func bidiServerAnswersWhileTheClientStillSends() throws {
    let pair = try HTTP2Pair()
    let delegate = RecordingClientDelegate()
    let call = pair.start(delegate)
    // Each request goes out only after the answer to the previous one came back.
    delegate.onMessage = { call, payload in
      guard let last = payload.first else { return }
      if last < 50 { call.send(RawMessage([last + 1])) } else { call.closeSending() }
    }
    call.send(RawMessage([0]))
    try pair.run { delegate.finishCount > 0 }
    #expect(delegate.status == .ok)
    #expect(delegate.messages.map { $0[0] } == Array(0...50))
  }

  @Test func requestBufferDrainsAndAsksForMore() throws {
    let pair = try HTTP2Pair()
    var receivedBytes = 0
    pair.makeHandler = { _ in
      let handler = ScriptedHandler()
      handler.onMessage = { _, payload in receivedBytes += payload.count }
      return handler
    }
    let delegate = RecordingClientDelegate()
    let call = pair.start(delegate)
    for _ in 0..<64 { call.send(RawMessage(count: 64 << 10)) }
    #expect(call.bufferedRequestBytes == 64 * ((64 << 10) + 5))
    try pair.run { delegate.canSendMoreCount > 0 }
    #expect(call.bufferedRequestBytes < ClientCall.lowWaterMark)
    call.closeSending()
    try pair.run { delegate.finishCount > 0 }
    #expect(delegate.status == .ok)
    #expect(receivedBytes == 64 << 16)
  }
}
