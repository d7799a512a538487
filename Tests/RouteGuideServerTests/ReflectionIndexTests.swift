import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

@Suite struct ReflectionIndexTests {
  static func serialized(_ file: FileDescriptorProto) -> (name: String, bytes: [UInt8]) {
    (file.name, file.protobufBytes())
  }

  @Test func findsTheBuiltInFilesByNameAndByAnySymbol() throws {
    let index = ReflectionIndex.builtin()
    #expect(index.files(named: "route_guide.proto") == [BuiltinDescriptors.routeGuide])
    #expect(index.files(named: "grpc/health/v1/health.proto") == [BuiltinDescriptors.health])
    for symbol in [
      "routeguide.RouteGuide", "routeguide.RouteGuide.RouteChat", "routeguide.Point",
      "routeguide.Point.latitude",
    ] {
      #expect(index.files(containing: symbol) == [BuiltinDescriptors.routeGuide], "\(symbol)")
    }
    for symbol in [
      "grpc.health.v1.HealthCheckResponse.ServingStatus",
      "grpc.health.v1.HealthCheckResponse.SERVING",
    ] {
      #expect(index.files(containing: symbol) == [BuiltinDescriptors.health], "\(symbol)")
    }
    #expect(
      index.files(containing: "grpc.reflection.v1alpha.ServerReflection")
        == [BuiltinDescriptors.reflectionV1Alpha])
    #expect(index.files(named: "health.proto") == nil)
    #expect(index.files(containing: "routeguide") == nil)
    #expect(index.files(containing: ".routeguide.Point") == nil)
  }

  @Test func aFileComesWithEveryImportOnce() throws {
    let files = [
      FileDescriptorProto(
        name: "top.proto", package: "p", dependencies: ["a.proto", "b.proto"],
        messageTypes: [DescriptorProto(name: "Top")]),
      FileDescriptorProto(name: "a.proto", dependencies: ["base.proto"]),
      FileDescriptorProto(name: "b.proto", dependencies: ["base.proto"]),
      FileDescriptorProto(name: "base.proto"),
    ].map(Self.serialized)
    let index = try ReflectionIndex(files: files)
    let names = try #require(index.files(containing: "p.Top")).map {
      try FileDescriptorProto(protobuf: $0).name
    }
    #expect(names == ["top.proto", "base.proto", "a.proto", "b.proto"])
  }

  @Test func filesThatDoNotFitAreRefused() {
    #expect(throws: ReflectionIndexError.self) {
      try ReflectionIndex(files: [("bad.proto", [0x0A, 0xFF])])
    }
    #expect(throws: ReflectionIndexError.self) {
      try ReflectionIndex(
        files: [Self.serialized(FileDescriptorProto(name: "other.proto"))].map {
          ("named.proto", $0.bytes)
        })
    }
    #expect(throws: ReflectionIndexError.self) {
      try ReflectionIndex(files: [
        Self.serialized(FileDescriptorProto(name: "a.proto", dependencies: ["missing.proto"]))
      ])
    }
  }
}
