import RouteGuideProtocol
import Testing

@testable import RouteGuideTransport

/// Status derivation against a raw HTTP/2 server that answers however a test needs.
@Suite struct ClientCallResponseTests {
  final class RawServerPair {
    let loop = EventLoop()
    let client: HTTP2ClientConnection
    let server: RawHTTP2Peer
    var requests: [Int32] = []

    init(_ respond: @escaping (RawHTTP2Peer, Int32, Int) throws -> Void) throws {
      let (clientStream, serverStream) = try makeSocketPair()
      server = try RawHTTP2Peer(role: .server, stream: serverStream, loop: loop)
      client = try HTTP2ClientConnection(
        stream: clientStream, loop: loop, authority: "test.local", scheme: "http",
        userAgent: "rg-tests/1")
      server.onRequest = { [unowned self] peer, streamID in
        requests.append(streamID)
        // Errors here would be test bugs; the test sees them as a missing status.
        try? respond(peer, streamID, requests.count)
      }
    }

    /// Runs one unary call with a small request and returns what the delegate saw.
    func call(unary: Bool = true) throws -> RecordingClientDelegate {
      let delegate = RecordingClientDelegate()
      let call = client.startCall(
        path: "/test.Service/Method", metadata: [], timeoutNanoseconds: nil,
        maxReceiveMessageSize: 1 << 20, expectsSingleResponse: unary, delegate: delegate)
      call.send(RawMessage([1, 2, 3]))
      call.closeSending()
      try runLoop(loop) { delegate.finishCount > 0 }
      return delegate
    }
  }

  static let grpcHeaders: [(name: String, value: String)] = [
    (":status", "200"), ("content-type", "application/grpc"),
  ]

  static func framed(_ payload: [UInt8], compressed: Bool = false) -> [UInt8] {
    var bytes: [UInt8] = []
    GRPCFraming.appendFrame(payload: payload, to: &bytes)
    if compressed { bytes[0] = 1 }
    return bytes
  }

  @Test(arguments: [
    (404, GRPCStatusCode.unimplemented), (503, .unavailable), (401, .unauthenticated),
    (500, .unknown),
  ])
  func httpStatusWithoutGRPCStatusIsMapped(httpStatus: Int, code: GRPCStatusCode) throws {
    let pair = try RawServerPair { peer, id, _ in
      try peer.respond(
        id, [(":status", "\(httpStatus)"), ("content-type", "text/html")],
        body: Array("<h1>no</h1>".utf8))
    }
    let result = try pair.call()
    #expect(result.status?.code == code)
    #expect(result.status?.message.contains("\(httpStatus)") == true)
    #expect(result.status?.message.contains("text/html") == true)
    #expect(result.messages.isEmpty)
  }

  @Test func nonGRPCContentTypeWithStatus200IsAnErrorNamingIt() throws {
    let pair = try RawServerPair { peer, id, _ in
      try peer.respond(
        id, [(":status", "200"), ("content-type", "application/json")], body: [0x7b])
    }
    let result = try pair.call()
    #expect(result.status?.code == .unknown)
    #expect(result.status?.message.contains("application/json") == true)
  }

  @Test func compressedFlagWithoutEncodingIsInternal() throws {
    let pair = try RawServerPair { peer, id, _ in
      try peer.respond(
        id, Self.grpcHeaders, body: Self.framed([1], compressed: true),
        end: .trailers([("grpc-status", "0")]))
    }
    let result = try pair.call(unary: false)
    #expect(result.status?.code == .internal)
    #expect(result.messages.isEmpty)
  }

  @Test(arguments: [
    (HTTP2ErrorCode.enhanceYourCalm, GRPCStatusCode.resourceExhausted),
    (HTTP2ErrorCode.cancel, .cancelled), (HTTP2ErrorCode.inadequateSecurity, .permissionDenied),
    (HTTP2ErrorCode.protocolError, .internal),
  ])
  func resetStreamCodesAreMapped(errorCode: UInt32, code: GRPCStatusCode) throws {
    let pair = try RawServerPair { peer, id, _ in try peer.reset(id, errorCode) }
    let result = try pair.call()
    #expect(result.status?.code == code)
  }

  @Test func refusedStreamIsRetriedTransparently() throws {
    let pair = try RawServerPair { peer, id, attempt in
      guard attempt == 3 else { return try peer.reset(id, HTTP2ErrorCode.refusedStream) }
      try peer.respond(
        id, Self.grpcHeaders, body: Self.framed([9]), end: .trailers([("grpc-status", "0")]))
    }
    let result = try pair.call()
    #expect(result.status == .ok)
    #expect(result.messages == [[9]])
    #expect(pair.requests.count == 3)
    // The accepted attempt carried the whole request again.
    #expect(pair.requests.last.flatMap { pair.server.data[$0] } == Self.framed([1, 2, 3]))
  }

  @Test func refusedStreamGivesUpAfterSomeRetries() throws {
    let pair = try RawServerPair { peer, id, _ in try peer.reset(id, HTTP2ErrorCode.refusedStream) }
    let result = try pair.call()
    #expect(result.status?.code == .unavailable)
    #expect(pair.requests.count == ClientCall.maxTransparentRetries + 1)
  }

  @Test(arguments: [
    ([("grpc-status", "abc")], GRPCStatusCode.unknown), ([], .internal),
    ([("grpc-status", "99")], .unknown), ([("grpc-status", "5")], .notFound),
  ])
  func trailerStatusValues(trailers: [(String, String)], code: GRPCStatusCode) throws {
    let named = trailers.map { (name: $0.0, value: $0.1) }
    let pair = try RawServerPair { peer, id, _ in
      try peer.respond(
        id, Self.grpcHeaders, body: [], end: named.isEmpty ? .endStream : .trailers(named))
    }
    let result = try pair.call(unary: false)
    #expect(result.status?.code == code)
  }

  @Test func responseEndingInsideAMessageIsInternal() throws {
    let pair = try RawServerPair { peer, id, _ in
      try peer.respond(
        id, Self.grpcHeaders, body: Array(Self.framed([1, 2, 3]).dropLast()),
        end: .trailers([("grpc-status", "0")]))
    }
    let result = try pair.call(unary: false)
    #expect(result.status?.code == .internal)
  }

  @Test func grpcMessageIsPercentDecodedLeniently() throws {
    let pair = try RawServerPair { peer, id, _ in
      try peer.respond(
        id, Self.grpcHeaders + [("grpc-status", "3"), ("grpc-message", "bad%20input%zz%C3%BC")])
    }
    let result = try pair.call()
    #expect(result.status == GRPCStatus(.invalidArgument, "bad input%zzü"))
  }

  @Test func grpcContentTypes() {
    #expect(ClientCall.isGRPCContentType("application/grpc"))
    #expect(ClientCall.isGRPCContentType("application/grpc+proto"))
    #expect(ClientCall.isGRPCContentType("Application/GRPC; charset=utf-8"))
    #expect(!ClientCall.isGRPCContentType("application/grpc-web"))
    #expect(!ClientCall.isGRPCContentType("text/html"))
  }
}
