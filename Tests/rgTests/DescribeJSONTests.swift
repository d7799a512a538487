import Foundation
import RouteGuideProtocol
import Testing

@testable import rg

@Suite struct DescribeJSONTests {
  func json(_ name: String, in pool: DescriptorPool = DescribeFixtures.builtinPool()) throws
    -> String
  {
    let symbol = try #require(pool.symbol(name), "\(name)")
    let bytes = DescribeJSON.symbol(symbol, pool: pool)
    #expect(bytes.last == 0x0A)
    // Each line is one valid JSON object.
    #expect(try JSONSerialization.jsonObject(with: Data(bytes)) is [String: Any])
    return String(decoding: bytes.dropLast(), as: UTF8.self)
  }

  @Test func aMessage() throws {
    #expect(
      try json("routeguide.Point")
        == #"{"name":"routeguide.Point","kind":"message","file":"route_guide.proto","fields":["#
        + #"{"name":"latitude","number":1,"type":"int32","jsonName":"latitude"},"#
        + #"{"name":"longitude","number":2,"type":"int32","jsonName":"longitude"}]}"#)
  }

  @Test func aServiceAndAMethod() throws {
    let service = try json("grpc.health.v1.Health")
    #expect(
      service
        == #"{"name":"grpc.health.v1.Health","kind":"service","file":"grpc/health/v1/health.proto","#
        + #""methods":[{"name":"Check","path":"/grpc.health.v1.Health/Check","shape":"unary","#
        + #""requestType":"grpc.health.v1.HealthCheckRequest","#
        + #""responseType":"grpc.health.v1.HealthCheckResponse"},{"name":"Watch","#
        + #""path":"/grpc.health.v1.Health/Watch","shape":"serverStreaming","#
        + #""requestType":"grpc.health.v1.HealthCheckRequest","#
        + #""responseType":"grpc.health.v1.HealthCheckResponse"}]}"#)
    #expect(
      try json("routeguide.RouteGuide.RouteChat")
        == #"{"name":"routeguide.RouteGuide.RouteChat","kind":"method","file":"route_guide.proto","#
        + #""path":"/routeguide.RouteGuide/RouteChat","shape":"bidiStreaming","#
        + #""requestType":"routeguide.RouteNote","responseType":"routeguide.RouteNote"}"#)
  }

  @Test func enumsFieldsAndValues() throws {
    #expect(
      try json("grpc.health.v1.HealthCheckResponse.ServingStatus").contains(
        #""kind":"enum","file":"grpc/health/v1/health.proto","values":[{"name":"UNKNOWN","number":0}"#
      ))
    #expect(
      try json("routeguide.Feature.location").hasSuffix(
        #""kind":"field","file":"route_guide.proto","number":2,"type":"message","#
          + #""typeName":"routeguide.Point","jsonName":"location"}"#))
    #expect(
      try json("grpc.health.v1.HealthCheckResponse.SERVING").hasSuffix(
        #""kind":"enumValue","file":"grpc/health/v1/health.proto","#
          + #""enum":"grpc.health.v1.HealthCheckResponse.ServingStatus","number":1}"#))
  }

  @Test func mapsLabelsOneofsAndNestedNames() throws {
    let text = try json("s.Bag", in: DescribeFixtures.pool(DescribeFixtures.shapes))
    #expect(
      text.contains(
        #"{"name":"counts","number":1,"type":"map","keyType":"string","valueType":"int64","jsonName":"counts"}"#
      ))
    #expect(
      text.contains(
        #"{"name":"maybe","number":2,"type":"string","label":"optional","jsonName":"maybe"}"#))
    #expect(text.contains(#""label":"repeated""#))
    #expect(text.hasSuffix(#""messages":["s.Bag.Inner"],"enums":["s.Bag.Kind"]}"#))
    let old = try json("l.Old", in: DescribeFixtures.pool(DescribeFixtures.legacy))
    #expect(old.contains(#""label":"required""#))
    #expect(old.contains(#"{"name":"c","number":3,"type":"sint32","oneof":"choice"}"#))
  }

  @Test func aServiceOfTheList() {
    #expect(
      String(decoding: DescribeJSON.service(named: "a.B"), as: UTF8.self)
        == "{\"name\":\"a.B\",\"kind\":\"service\"}\n")
  }
}
