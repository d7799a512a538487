import RouteGuideCompression
import RouteGuideProtocol
import Testing

@testable import RouteGuideTransport

/// The client's side of compression against a raw HTTP/2 server: compressed responses message
/// by message, the failures gRPC's spec makes INTERNAL, the receive limit on the inflated size,
/// and a server that refuses our encoding.
@Suite struct ClientCallEncodingTests {
  static let text = Array(String(repeating: "Feature name compresses well. ", count: 20).utf8)

  /// A raw server answering each call as `respond` says, and a client whose calls decode gzip
  /// and deflate and compress their requests with `requestCodec`.
  final class Pair {
    let loop = EventLoop()
    let client: HTTP2ClientConnection
    let server: RawHTTP2Peer
    let codecs = MessageCodecs(StandardCompression.algorithms)

    init(_ respond: @escaping (RawHTTP2Peer, Int32) throws -> Void) throws {
      let (clientStream, serverStream) = try makeSocketPair()
      server = try RawHTTP2Peer(role: .server, stream: serverStream, loop: loop)
      client = try HTTP2ClientConnection(
        stream: clientStream, loop: loop, authority: "test.local", scheme: "http",
        userAgent: "rg-tests/1")
      server.onRequest = { peer, streamID in try? respond(peer, streamID) }
    }

    func call(
      compressingWith name: String? = nil, maxReceive: Int = 1 << 20, unary: Bool = false,
      request payload: [UInt8] = [1, 2, 3]
    ) throws -> (ClientCall, RecordingClientDelegate) {
      let delegate = RecordingClientDelegate()
      let request = ClientCallRequest(
        path: "/test.Service/Method", maxReceiveMessageSize: maxReceive,
        expectsSingleResponse: unary, codecs: codecs,
        requestCodec: name.flatMap { codecs.codec(named: $0) })
      let call = ClientCall(
        request, headers: client.requestHeaders(for: request), delegate: delegate)
      client.enqueue(call)
      call.send(RawMessage(payload))
      call.closeSending()
      try runLoop(loop) { delegate.finishCount > 0 }
      return (call, delegate)
    }
  }

  static func frame(_ payload: [UInt8], with codec: (any MessageCodec)? = nil) -> [UInt8] {
    var bytes: [UInt8] = []
    payload.withUnsafeBytes {
      guard let codec else { return GRPCFraming.appendFrame(payload: $0, to: &bytes) }
      var body: [UInt8] = []
      try? codec.compress($0, into: &body, limit: 1 << 30)
      GRPCFraming.appendFrame(payload: body, to: &bytes)
      bytes[0] = 1
    }
    return bytes
  }

  static func headers(encoding: String?) -> [(name: String, value: String)] {
    [(":status", "200"), ("content-type", "application/grpc")]
      + (encoding.map { [("grpc-encoding", $0)] } ?? [])
  }

  static let ok: HTTP2BodyEnd = .trailers([("grpc-status", "0")])

  @Test(arguments: ["gzip", "deflate"])
  func compressedAndPlainMessagesMixInOneStream(_ name: String) throws {
    let codec = try #require(MessageCodecs(StandardCompression.algorithms).codec(named: name))
    let body =
      Self.frame(Self.text, with: codec) + Self.frame([9]) + Self.frame(Self.text, with: codec)
    let pair = try Pair { peer, id in
      try peer.respond(id, Self.headers(encoding: name), body: body, end: Self.ok)
    }
    let (call, result) = try pair.call()
    #expect(result.status == .ok)
    #expect(result.messages == [Self.text, [9], Self.text])
    #expect(call.responseEncoding == name)
    #expect(call.received.messages == 3)
    #expect(call.received.messageBytes == 2 * Self.text.count + 1)
    #expect(call.received.wireBytes == body.count)
  }

  /// What a call sends: grpc-accept-encoding always, grpc-encoding and compressed messages
  /// with a request codec.
  @Test func requestsAdvertiseAndCompress() throws {
    let pair = try Pair { peer, id in
      try peer.respond(id, Self.headers(encoding: nil), body: [], end: Self.ok)
    }
    let (plain, _) = try pair.call(request: Self.text)
    let (compressed, _) = try pair.call(compressingWith: "gzip", request: Self.text)
    let first = try #require(pair.server.headers[1])
    let second = try #require(pair.server.headers[3])
    #expect(first.first { $0.name == "grpc-accept-encoding" }?.value == "gzip, deflate")
    #expect(!first.contains { $0.name == "grpc-encoding" })
    #expect(second.first { $0.name == "grpc-encoding" }?.value == "gzip")
    #expect(pair.server.data[1] == Self.frame(Self.text))
    let body = try #require(pair.server.data[3])
    #expect(body.first == 1)
    var deframer = MessageDeframer(maxMessageSize: 1 << 20)
    deframer.encoding = .compressed(ZlibCodec(.gzip))
    deframer.append(body)
    #expect(try deframer.next() == Self.text)
    #expect(plain.requestEncoding == "identity")
    #expect(compressed.requestEncoding == "gzip")
    #expect(compressed.sent.messageBytes == Self.text.count)
    #expect(compressed.sent.wireBytes == body.count)
    #expect(plain.sent.wireBytes == Self.text.count + 5)
  }

  /// gRPC's spec: a compressed flag without grpc-encoding, an encoding the client does not
  /// know, and a body that does not inflate are all INTERNAL.
  @Test(arguments: [
    (nil, "no grpc-encoding was negotiated"),
    (
      "br",
      "compressed with grpc-encoding \"br\", which rg cannot decompress (it accepts gzip, deflate)"
    ),
    ("gzip", "could not decompress a gzip message"),
  ])
  func unreadableCompressedMessagesAreInternal(_ encoding: String?, _ text: String) throws {
    let pair = try Pair { peer, id in
      try peer.respond(
        id, Self.headers(encoding: encoding), body: Self.frame([9]) + [1, 0, 0, 0, 2, 7, 7],
        end: Self.ok)
    }
    let (_, result) = try pair.call()
    #expect(result.status?.code == .internal)
    #expect(result.status?.message.contains(text) == true, "\(String(describing: result.status))")
    // What came before the bad message still arrived.
    #expect(result.messages == [[9]])
  }

  /// 16 MiB of zeros in 16 KiB: RESOURCE_EXHAUSTED under the receive limit, unary or not.
  @Test(arguments: [false, true])
  func bombIsResourceExhausted(_ unary: Bool) throws {
    let bomb = Self.frame([UInt8](repeating: 0, count: 16 << 20), with: ZlibCodec(.zlib))
    let pair = try Pair { peer, id in
      try peer.respond(id, Self.headers(encoding: "deflate"), body: bomb, end: Self.ok)
    }
    let (_, result) = try pair.call(maxReceive: 1 << 20, unary: unary)
    #expect(
      result.status
        == GRPCStatus(
          .resourceExhausted,
          "received message larger than max once decompressed (deflate: more than 1048576 bytes)"))
    #expect(result.messages.isEmpty)
  }

  /// UNIMPLEMENTED with a grpc-accept-encoding that leaves ours out names both; one that lists
  /// ours is about something else and stays as it was.
  @Test(arguments: [
    ("identity, deflate", true), ("identity,gzip", false),
  ])
  func refusedEncodingIsExplained(_ accepted: String, _ explained: Bool) throws {
    let pair = try Pair { peer, id in
      try peer.respond(
        id,
        Self.headers(encoding: nil) + [
          ("grpc-status", "12"), ("grpc-message", "Compression algorithm 'gzip' is disabled."),
          ("grpc-accept-encoding", accepted),
        ])
    }
    let (_, result) = try pair.call(compressingWith: "gzip")
    let message =
      explained
      ? "the server does not accept requests compressed with gzip (its grpc-accept-encoding: "
        + "\(accepted)): Compression algorithm 'gzip' is disabled."
      : "Compression algorithm 'gzip' is disabled."
    #expect(result.status == GRPCStatus(.unimplemented, message))
  }

  /// grpcio lists nothing, but names the encoding in its message; an UNIMPLEMENTED that does
  /// neither is about something else.
  @Test(arguments: [
    ("Compression algorithm 'gzip' is disabled.", true), ("Method not found!", false),
  ])
  func refusalWithoutAListIsExplainedWhenItNamesTheEncoding(_ text: String, _ explained: Bool)
    throws
  {
    let pair = try Pair { peer, id in
      try peer.respond(
        id, Self.headers(encoding: nil) + [("grpc-status", "12"), ("grpc-message", text)])
    }
    let (_, result) = try pair.call(compressingWith: "gzip")
    let message =
      explained
      ? "the server does not accept requests compressed with gzip (it sent no "
        + "grpc-accept-encoding): \(text)" : text
    #expect(result.status == GRPCStatus(.unimplemented, message))
  }

  /// Without a request codec, an UNIMPLEMENTED is never about compression.
  @Test func unimplementedWithoutCompressionStaysAsItWas() throws {
    let pair = try Pair { peer, id in
      try peer.respond(
        id,
        Self.headers(encoding: nil) + [
          ("grpc-status", "12"), ("grpc-message", "unknown method"),
          ("grpc-accept-encoding", "identity"),
        ])
    }
    let (_, result) = try pair.call()
    #expect(result.status == GRPCStatus(.unimplemented, "unknown method"))
  }
}
