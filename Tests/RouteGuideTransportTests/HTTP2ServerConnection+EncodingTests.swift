import RouteGuideCompression
import RouteGuideProtocol
import Testing

@testable import RouteGuideTransport

/// The server's side of compression: compressed requests read, responses compressed for
/// clients that accept it, unknown request encodings refused as gRPC's spec says, and the
/// receive limit on what requests inflate to.
@Suite struct HTTP2ServerConnectionEncodingTests {
  static let text = Array(String(repeating: "a note that compresses well; ", count: 20).utf8)

  static func pair(responseEncoding: String? = nil, serverMaxReceive: Int = 4 << 20) throws
    -> HTTP2Pair
  {
    let codecs = MessageCodecs(StandardCompression.algorithms)
    return try HTTP2Pair(
      serverMaxReceive: serverMaxReceive, serverCodecs: codecs,
      responseCodec: responseEncoding.flatMap { codecs.codec(named: $0) })
  }

  /// Both directions compressed: the handler sees the request as sent, the client the echo.
  @Test(arguments: ["gzip", "deflate"])
  func compressedBothWays(_ name: String) throws {
    let pair = try Self.pair(responseEncoding: name)
    let codecs = MessageCodecs(StandardCompression.algorithms)
    let delegate = RecordingClientDelegate()
    let call = pair.start(delegate, codecs: codecs, requestCodec: codecs.codec(named: name))
    call.send(RawMessage(Self.text))
    call.send(RawMessage([1]))
    call.closeSending()
    try pair.run { delegate.finishCount > 0 }
    #expect(delegate.status == .ok)
    #expect(pair.handlers.first?.messages == [Self.text, [1]])
    #expect(delegate.messages == [Self.text, [1]])
    #expect(delegate.headers?.first { $0.name == "grpc-encoding" }?.value == name)
    // Compressed on the wire both ways: far fewer bytes than the messages.
    #expect(call.sent.wireBytes < Self.text.count / 2)
    #expect(call.received.wireBytes < Self.text.count / 2)
  }

  /// A client that does not list the server's encoding gets identity, and no grpc-encoding.
  @Test func responsesStayPlainForClientsThatDoNotAccept() throws {
    let pair = try Self.pair(responseEncoding: "gzip")
    let delegate = RecordingClientDelegate()
    let call = pair.start(delegate, codecs: MessageCodecs([StandardCompression.deflate]))
    call.send(RawMessage(Self.text))
    call.closeSending()
    try pair.run { delegate.finishCount > 0 }
    #expect(delegate.messages == [Self.text])
    #expect(delegate.headers?.contains { $0.name == "grpc-encoding" } == false)
    #expect(call.received.wireBytes == Self.text.count + 5)
  }

  /// An encoding the server does not support: UNIMPLEMENTED before any handler runs, with
  /// grpc-accept-encoding listing what it does.
  @Test func unsupportedRequestEncodingIsUnimplemented() throws {
    let pair = try Self.pair()
    let delegate = RecordingClientDelegate()
    let call = pair.start(delegate, codecs: nil, metadata: [("grpc-encoding", "snappy")])
    call.send(RawMessage([1]))
    call.closeSending()
    try pair.run { delegate.finishCount > 0 }
    #expect(
      delegate.status
        == GRPCStatus(
          .unimplemented,
          "grpc-encoding \"snappy\" is not supported (this server accepts identity, gzip, deflate)"
        ))
    #expect(delegate.trailers.first { $0.name == "grpc-accept-encoding" }?.value == "gzip, deflate")
    #expect(pair.serverCalls.isEmpty)
  }

  /// A request that inflates past the server's limit: RESOURCE_EXHAUSTED to the client, and
  /// the handler hears the call was cut short.
  @Test func requestBombIsResourceExhausted() throws {
    let pair = try Self.pair(serverMaxReceive: 64 << 10)
    let codecs = MessageCodecs(StandardCompression.algorithms)
    let delegate = RecordingClientDelegate()
    let call = pair.start(delegate, codecs: codecs, requestCodec: codecs.codec(named: "gzip"))
    call.send(RawMessage(count: 8 << 20, fill: 0))
    call.closeSending()
    try pair.run { delegate.finishCount > 0 }
    #expect(delegate.status?.code == .resourceExhausted)
    #expect(delegate.status?.message.contains("gzip: more than 65536 bytes") == true)
    #expect(call.sent.wireBytes < 64 << 10)
    #expect(pair.handlers.first?.cancelled == true)
    #expect(pair.handlers.first?.messages.isEmpty == true)
  }
}
