import RouteGuideProtocol
import Testing

@testable import RouteGuideTransport

@Suite struct ServerCallTests {
  @Test func messagesThenTrailersWithHeadersSentOnce() throws {
    let pair = try HTTP2Pair()
    pair.makeHandler = { _ in
      let handler = ScriptedHandler()
      handler.onFinishReceiving = { call in
        call.send(RawMessage([1]))
        call.send(RawMessage([2]))
        call.finish(GRPCStatus(.aborted, "stop"))
        call.send(RawMessage([3]))
        call.finish(.ok)
      }
      return handler
    }
    let delegate = RecordingClientDelegate()
    pair.start(delegate).closeSending()
    try pair.run { delegate.finishCount > 0 }
    #expect(delegate.headers?.map(\.name) == [":status", "content-type"])
    #expect(delegate.messages == [[1], [2]])
    #expect(delegate.status == GRPCStatus(.aborted, "stop"))
    #expect(pair.serverCalls[0].isFinished)
  }

  @Test func handlerIsReleasedWhenTheStreamCloses() throws {
    let pair = try HTTP2Pair()
    weak var released: ScriptedHandler?
    pair.makeHandler = { _ in
      let handler = ScriptedHandler()
      released = handler
      return handler
    }
    let delegate = RecordingClientDelegate()
    pair.start(delegate).closeSending()
    try pair.run { delegate.finishCount > 0 }
    pair.handlers.removeAll()
    try pair.run { pair.server.openCallCount == 0 }
    #expect(released == nil)
    #expect(pair.serverCalls[0].handler == nil)
  }

  @Test func clientCancelIsSeenAsCancellationAndLaterSendsAreIgnored() throws {
    let pair = try HTTP2Pair()
    let delegate = RecordingClientDelegate()
    let call = pair.start(delegate)
    try pair.run { pair.serverCalls.count == 1 }
    call.cancel()
    try pair.run { pair.handlers[0].cancelled }
    let serverCall = pair.serverCalls[0]
    #expect(serverCall.isCancelled)
    serverCall.send(RawMessage([1]))
    serverCall.finish(.ok)
    #expect(serverCall.bufferedResponseBytes == 0)
    #expect(!serverCall.isFinished)
  }

  @Test func responseBufferDrainsAndAsksForMore() throws {
    let pair = try HTTP2Pair()
    var asked = 0
    pair.makeHandler = { _ in
      let handler = ScriptedHandler()
      handler.onFinishReceiving = { call in
        for _ in 0..<32 { call.send(RawMessage(count: 64 << 10)) }
        #expect(call.bufferedResponseBytes == 32 * ((64 << 10) + 5))
      }
      handler.onCanSendMore = { call in
        asked += 1
        #expect(call.bufferedResponseBytes < ServerCall.lowWaterMark)
        call.finish(.ok)
      }
      return handler
    }
    let delegate = RecordingClientDelegate()
    pair.start(delegate).closeSending()
    try pair.run { delegate.finishCount > 0 }
    #expect(asked == 1)
    #expect(delegate.status == .ok)
    #expect(delegate.messages.count == 32)
  }
}
