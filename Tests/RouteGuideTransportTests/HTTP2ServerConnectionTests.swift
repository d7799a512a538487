import Glibc
import RouteGuideProtocol
import Testing

@testable import RouteGuideTransport

@Suite struct HTTP2ServerConnectionTests {
  /// A server connection with a raw client on the other end of a socketpair.
  final class RawPair {
    let loop = EventLoop()
    let client: RawHTTP2Peer
    let server: HTTP2ServerConnection
    let clientStream: SocketStream
    var accepted: [ServerCall] = []
    var handlers: [ScriptedHandler] = []
    var serverClosed = false
    /// Adjusts each handler before the call sees any event.
    var configure: (ScriptedHandler) -> Void = { _ in }

    init(
      maxReceive: Int = 4 << 20, maxConcurrentStreams: UInt32 = 7,
      policy: ConnectionPolicy = ConnectionPolicy()
    ) throws {
      let (clientStream, serverStream) = try makeSocketPair()
      self.clientStream = clientStream
      var accept: ((ServerCall) -> Void)?
      server = try HTTP2ServerConnection(
        stream: serverStream, loop: loop, maxConcurrentStreams: maxConcurrentStreams,
        maxReceiveMessageSize: maxReceive, policy: policy, acceptCall: { accept?($0) })
      client = try RawHTTP2Peer(stream: clientStream, loop: loop)
      accept = { [unowned self] call in
        let handler = ScriptedHandler()
        configure(handler)
        call.handler = handler
        accepted.append(call)
        handlers.append(handler)
      }
      server.onClose = { [unowned self] in serverClosed = true }
    }

    static func grpcHeaders(method: String = "POST", contentType: String = "application/grpc")
      -> [(name: String, value: String)]
    {
      [
        (":method", method), (":scheme", "http"), (":path", "/test.Service/Echo"),
        (":authority", "localhost"), ("te", "trailers"), ("content-type", contentType),
      ]
    }
  }

  static func framed(_ payload: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = []
    GRPCFraming.appendFrame(payload: payload, to: &bytes)
    return bytes
  }

  @Test func advertisesItsStreamLimit() throws {
    let pair = try RawPair()
    try runLoop(pair.loop) { pair.client.session.remoteMaxConcurrentStreams == 7 }
  }

  @Test func answersAGRPCRequestWithHeadersMessagesAndTrailers() throws {
    let pair = try RawPair()
    let id = try pair.client.request(RawPair.grpcHeaders(), body: Self.framed([1, 2]))
    try runLoop(pair.loop) { pair.client.closed[id] != nil }
    #expect(pair.client.value(":status", on: id) == "200")
    #expect(pair.client.value("content-type", on: id) == "application/grpc")
    #expect(pair.client.value("grpc-status", on: id) == "0")
    #expect(pair.client.data[id] == Self.framed([1, 2]))
    #expect(pair.client.closed[id] == HTTP2ErrorCode.noError)
  }

  @Test func rejectsAMethodOtherThanPostAndKeepsTheConnection() throws {
    let pair = try RawPair()
    let id = try pair.client.request(RawPair.grpcHeaders(method: "PUT"))
    try runLoop(pair.loop) { pair.client.closed[id] != nil }
    #expect(pair.client.value(":status", on: id) == "405")
    #expect(pair.client.value("grpc-status", on: id) == "13")
    #expect(pair.accepted.isEmpty)
    let good = try pair.client.request(RawPair.grpcHeaders(), body: Self.framed([3]))
    try runLoop(pair.loop) { pair.client.closed[good] != nil }
    #expect(pair.client.value("grpc-status", on: good) == "0")
  }

  @Test func rejectsANonGRPCContentTypeWith415() throws {
    let pair = try RawPair()
    let id = try pair.client.request(RawPair.grpcHeaders(contentType: "application/json"))
    try runLoop(pair.loop) { pair.client.closed[id] != nil }
    #expect(pair.client.value(":status", on: id) == "415")
    #expect(pair.client.value("grpc-message", on: id)?.contains("application/json") == true)
    #expect(pair.accepted.isEmpty)
    #expect(!pair.serverClosed)
  }

  @Test func acceptsGRPCContentTypeSubtypes() throws {
    let pair = try RawPair()
    let id = try pair.client.request(
      RawPair.grpcHeaders(contentType: "application/grpc+proto"), body: Self.framed([5]))
    try runLoop(pair.loop) { pair.client.closed[id] != nil }
    #expect(pair.client.value("grpc-status", on: id) == "0")
    #expect(pair.accepted.count == 1)
  }

  /// rg serve speaks protobuf only: another codec is UNIMPLEMENTED, not decoded as protobuf.
  @Test func otherCodecIsUnimplemented() throws {
    let pair = try RawPair()
    let id = try pair.client.request(
      RawPair.grpcHeaders(contentType: "application/grpc+json"), body: Self.framed([5]))
    try runLoop(pair.loop) { pair.client.closed[id] != nil }
    #expect(pair.client.value(":status", on: id) == "200")
    #expect(pair.client.value("grpc-status", on: id) == "12")
    #expect(pair.client.value("grpc-message", on: id)?.contains("json") == true)
    #expect(pair.accepted.isEmpty)
  }

  /// As grpc-go answers it: HTTP 400 and INTERNAL, the handler never runs.
  @Test(arguments: ["1000", "5x", "123456789S", "-1S", ""])
  func malformedTimeoutIsInternal(_ timeout: String) throws {
    let pair = try RawPair()
    let id = try pair.client.request(
      RawPair.grpcHeaders() + [("grpc-timeout", timeout)], body: Self.framed([5]))
    try runLoop(pair.loop) { pair.client.closed[id] != nil }
    #expect(pair.client.value(":status", on: id) == "400")
    #expect(pair.client.value("grpc-status", on: id) == "13")
    #expect(pair.client.value("grpc-message", on: id)?.contains("grpc-timeout") == true)
    #expect(pair.accepted.isEmpty)
    let good = try pair.client.request(
      RawPair.grpcHeaders() + [("grpc-timeout", "10S")], body: Self.framed([5]))
    try runLoop(pair.loop) { pair.client.closed[good] != nil }
    #expect(pair.client.value("grpc-status", on: good) == "0")
  }

  @Test func requestOverTheReceiveLimitIsResourceExhausted() throws {
    let pair = try RawPair(maxReceive: 10)
    let id = try pair.client.request(
      RawPair.grpcHeaders(), body: Self.framed(Array(repeating: 1, count: 11)))
    try runLoop(pair.loop) { pair.client.closed[id] != nil }
    #expect(pair.client.value("grpc-status", on: id) == "8")
    #expect(pair.handlers.first?.cancelled == true)
    #expect(pair.handlers.first?.messages.isEmpty == true)
  }

  @Test func truncatedRequestIsInternal() throws {
    let pair = try RawPair()
    let id = try pair.client.request(
      RawPair.grpcHeaders(), body: Array(Self.framed([1, 2, 3]).dropLast()))
    try runLoop(pair.loop) { pair.client.closed[id] != nil }
    #expect(pair.client.value("grpc-status", on: id) == "13")
    #expect(pair.handlers.first?.cancelled == true)
  }

  @Test func garbageFromTheClientEndsOnlyThatConnection() throws {
    let pair = try RawPair()
    try runLoop(pair.loop, for: 0.02)
    let garbage = [UInt8]("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
    // A second connection on the same loop gets HTTP/1.1 instead of the HTTP/2 preface.
    let (stream, serverStream) = try makeSocketPair()
    let server = try HTTP2ServerConnection(
      stream: serverStream, loop: pair.loop, maxConcurrentStreams: 7, maxReceiveMessageSize: 100,
      acceptCall: { _ in })
    var closed = false
    server.onClose = { closed = true }
    _ = try garbage.withUnsafeBytes { try stream.write($0) }
    try runLoop(pair.loop) { closed }
    #expect(!pair.serverClosed)
    let id = try pair.client.request(RawPair.grpcHeaders(), body: Self.framed([1]))
    try runLoop(pair.loop) { pair.client.closed[id] != nil }
    #expect(pair.client.value("grpc-status", on: id) == "0")
  }

  @Test func serverSideDeadlineCancelsTheHandler() throws {
    let pair = try RawPair()
    pair.configure = { $0.onFinishReceiving = nil }
    let id = try pair.client.request(RawPair.grpcHeaders() + [("grpc-timeout", "50m")])
    try runLoop(pair.loop) { pair.client.closed[id] != nil }
    #expect(pair.client.value("grpc-status", on: id) == "4")
    #expect(pair.handlers[0].cancelled)
  }

  @Test func idleGracefulShutdownClosesAfterThePingRoundTrip() throws {
    let pair = try RawPair()
    try runLoop(pair.loop, for: 0.02)
    let start = EventLoop.now()
    pair.server.shutdownGracefully()
    try runLoop(pair.loop) { pair.serverClosed }
    // The PING answer, not the one-second fallback, sent the final GOAWAY.
    #expect(EventLoop.now() - start < HTTP2ServerConnection.shutdownNoticeGrace)
    try runLoop(pair.loop) { pair.client.closeError != nil }
  }
}
