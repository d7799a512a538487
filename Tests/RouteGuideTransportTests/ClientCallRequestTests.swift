import RouteGuideCompression
import RouteGuideProtocol
import Testing

@testable import RouteGuideTransport

@Suite struct ClientCallRequestTests {
  static func names(_ request: ClientCallRequest) -> [String] {
    request.headers(authority: "a", scheme: "http", userAgent: "rg/1").map(\.name)
  }

  /// DESIGN §4's order: pseudo-headers, gRPC's own, then the user's metadata.
  @Test func headersInOrder() {
    let codecs = MessageCodecs(StandardCompression.algorithms)
    let request = ClientCallRequest(
      path: "/p", metadata: [("x-user", "1")], timeoutNanoseconds: 1_000_000_000,
      expectsSingleResponse: true, codecs: codecs, requestCodec: codecs.codec(named: "deflate"))
    let headers = request.headers(authority: "a", scheme: "http", userAgent: "rg/1")
    #expect(
      headers.map(\.name) == [
        ":method", ":scheme", ":path", ":authority", "te", "content-type", "user-agent",
        "grpc-timeout", "grpc-encoding", "grpc-accept-encoding", "x-user",
      ])
    #expect(headers.first { $0.name == "grpc-encoding" }?.value == "deflate")
    #expect(headers.first { $0.name == "grpc-accept-encoding" }?.value == "gzip, deflate")
  }

  /// Without codecs (or with none), nothing is advertised: identity only.
  @Test func noCodecsNoCompressionHeaders() {
    #expect(
      Self.names(ClientCallRequest(path: "/p", expectsSingleResponse: true)) == [
        ":method", ":scheme", ":path", ":authority", "te", "content-type", "user-agent",
      ])
    let empty = ClientCallRequest(
      path: "/p", expectsSingleResponse: true, codecs: MessageCodecs([]))
    #expect(!Self.names(empty).contains("grpc-accept-encoding"))
  }
}
