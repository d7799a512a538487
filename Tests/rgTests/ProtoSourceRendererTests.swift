import RouteGuideProtocol
import Testing

@testable import rg

/// Proto source as `grpcurl describe` prints it (EndToEndTests compare with grpcurl itself).
@Suite struct ProtoSourceRendererTests {
  func lines(_ name: String, in pool: DescriptorPool = DescribeFixtures.builtinPool()) throws
    -> [String]
  {
    let symbol = try #require(pool.symbol(name), "\(name)")
    return ProtoSourceRenderer(pool: pool).lines(for: symbol)
  }

  @Test func aServiceWithItsStreamingMarkers() throws {
    #expect(
      try lines("routeguide.RouteGuide") == [
        "routeguide.RouteGuide is a service:",
        "service RouteGuide {",
        "  rpc GetFeature ( .routeguide.Point ) returns ( .routeguide.Feature );",
        "  rpc ListFeatures ( .routeguide.Rectangle ) returns ( stream .routeguide.Feature );",
        "  rpc RecordRoute ( stream .routeguide.Point ) returns ( .routeguide.RouteSummary );",
        "  rpc RouteChat ( stream .routeguide.RouteNote ) returns ( stream .routeguide.RouteNote );",
        "}",
      ])
  }

  @Test func aMethodAFieldAndAnEnumValue() throws {
    #expect(
      try lines("routeguide.RouteGuide.RecordRoute") == [
        "routeguide.RouteGuide.RecordRoute is a method:",
        "rpc RecordRoute ( stream .routeguide.Point ) returns ( .routeguide.RouteSummary );",
      ])
    #expect(
      try lines("routeguide.Feature.location") == [
        "routeguide.Feature.location is a field:", ".routeguide.Point location = 2;",
      ])
    #expect(
      try lines("grpc.health.v1.HealthCheckResponse.NOT_SERVING") == [
        "grpc.health.v1.HealthCheckResponse.NOT_SERVING is an enum value:", "NOT_SERVING = 2;",
      ])
  }

  @Test func aMessageWithANestedEnum() throws {
    #expect(
      try lines("grpc.health.v1.HealthCheckResponse") == [
        "grpc.health.v1.HealthCheckResponse is a message:",
        "message HealthCheckResponse {",
        "  .grpc.health.v1.HealthCheckResponse.ServingStatus status = 1;",
        "  enum ServingStatus {",
        "    UNKNOWN = 0;",
        "    SERVING = 1;",
        "    NOT_SERVING = 2;",
        "    SERVICE_UNKNOWN = 3;",
        "  }",
        "}",
      ])
  }

  @Test func aOneofShowsWhereItsFirstMemberIs() throws {
    let text = try lines("grpc.reflection.v1.ServerReflectionRequest")
    #expect(
      Array(text.prefix(5)) == [
        "grpc.reflection.v1.ServerReflectionRequest is a message:",
        "message ServerReflectionRequest {",
        "  string host = 1;",
        "  oneof message_request {",
        "    string file_by_filename = 3;",
      ])
    #expect(Array(text.suffix(3)) == ["    string list_services = 7;", "  }", "}"])
  }

  @Test func mapsOptionalsRepeatedAndNestedMessages() throws {
    let pool = DescribeFixtures.pool(DescribeFixtures.shapes)
    #expect(
      try lines("s.Bag", in: pool) == [
        "s.Bag is a message:",
        "message Bag {",
        "  map<string, int64> counts = 1;",
        "  optional string maybe = 2;",
        "  repeated string tags = 3;",
        "  .s.Bag.Kind kind = 4;",
        "  message Inner {",
        "    bool x = 1;",
        "  }",
        "  enum Kind {",
        "    NONE = 0;",
        "  }",
        "}",
      ])
  }

  @Test func proto2LabelsEverySingularField() throws {
    let pool = DescribeFixtures.pool(DescribeFixtures.legacy)
    #expect(
      try lines("l.Old", in: pool) == [
        "l.Old is a message:",
        "message Old {",
        "  optional int32 a = 1;",
        "  required string b = 2;",
        "  oneof choice {",
        "    sint32 c = 3;",
        "  }",
        "}",
      ])
  }
}
