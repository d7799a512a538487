import RouteGuideProtocol
import Testing

@Suite struct GRPCContentTypeTests {
  @Test(arguments: [
    "application/grpc", "application/grpc+proto", "application/grpc;charset=utf-8",
    "Application/GRPC+Proto", "application/grpc+proto;q=1", "application/grpc+",
  ])
  func protobuf(_ value: String) {
    #expect(GRPCContentType(value) == .protobuf)
  }

  @Test func otherCodecsAreNamed() {
    #expect(GRPCContentType("application/grpc+json") == .otherCodec("json"))
    #expect(GRPCContentType("application/grpc+JSON;charset=utf-8") == .otherCodec("json"))
  }

  @Test(arguments: ["", "application/json", "text/plain", "application/grpcx", "application/grp"])
  func notGRPC(_ value: String) {
    #expect(GRPCContentType(value) == .notGRPC)
  }
}
