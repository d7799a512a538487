import RouteGuideProtocol
import Testing

@Suite struct DescriptorPoolTests {
  static func builtinPool() throws -> DescriptorPool {
    var pool = DescriptorPool()
    for (_, bytes) in BuiltinDescriptors.files {
      try pool.add(try FileDescriptorProto(protobuf: bytes))
    }
    return pool
  }

  @Test func findsEveryKindOfName() throws {
    let pool = try Self.builtinPool()
    #expect(pool.service("routeguide.RouteGuide")?.methods.count == 4)
    #expect(pool.symbol("routeguide.RouteGuide.RouteChat")?.file == "route_guide.proto")
    #expect(pool.message(".routeguide.Point")?.name == "Point")
    #expect(pool.symbol("routeguide.Point.latitude")?.file == "route_guide.proto")
    #expect(
      pool.enumType("grpc.health.v1.HealthCheckResponse.ServingStatus")?.values.count == 4)
    // Enum values are siblings of their enum.
    #expect(
      pool.symbol("grpc.health.v1.HealthCheckResponse.SERVING")?.file
        == "grpc/health/v1/health.proto")
    #expect(pool.symbol("grpc.reflection.v1alpha.ErrorResponse")?.file.contains("v1alpha") == true)
    #expect(pool.symbol("routeguide.Nothing") == nil)
    #expect(pool.message("routeguide.RouteGuide") == nil)
  }

  @Test func nestedMessagesHaveScopedNames() throws {
    var pool = DescriptorPool()
    try pool.add(
      FileDescriptorProto(
        name: "n.proto", package: "p",
        messageTypes: [
          DescriptorProto(name: "Outer", nestedTypes: [DescriptorProto(name: "Inner")])
        ]))
    #expect(pool.message("p.Outer.Inner")?.name == "Inner")
    #expect(pool.message("p.Inner") == nil)
  }

  @Test func aNameDefinedTwiceIsRefusedAndNothingOfTheFileIsAdded() throws {
    var pool = DescriptorPool()
    try pool.add(
      FileDescriptorProto(name: "a.proto", package: "p", messageTypes: [.init(name: "M")]))
    #expect(
      throws: DescriptorPoolError.duplicateSymbol("p.M", file: "b.proto", otherFile: "a.proto")
    ) {
      try pool.add(
        FileDescriptorProto(
          name: "b.proto", package: "p", messageTypes: [.init(name: "N"), .init(name: "M")]))
    }
    #expect(pool.file(named: "b.proto") == nil)
    #expect(pool.message("p.N") == nil)
  }

  @Test func aFileAddedAgainIsIgnored() throws {
    var pool = DescriptorPool()
    #expect(try pool.add(FileDescriptorProto(name: "a.proto", messageTypes: [.init(name: "M")])))
    #expect(try !pool.add(FileDescriptorProto(name: "a.proto", messageTypes: [.init(name: "M")])))
    #expect(pool.files.count == 1)
  }

  @Test func closureHoldsEveryImportOnceAndTheFileFirst() throws {
    var pool = DescriptorPool()
    try pool.add(FileDescriptorProto(name: "top.proto", dependencies: ["a.proto", "b.proto"]))
    try pool.add(FileDescriptorProto(name: "a.proto", dependencies: ["base.proto"]))
    try pool.add(FileDescriptorProto(name: "b.proto", dependencies: ["base.proto"]))
    #expect(pool.missingImports(of: "top.proto").isEmpty)
    #expect(pool.missingImports(of: "a.proto") == ["base.proto"])
    #expect(throws: DescriptorPoolError.missingImport("base.proto", importedBy: "a.proto")) {
      try pool.closure(of: "top.proto")
    }
    try pool.add(FileDescriptorProto(name: "base.proto"))
    #expect(try pool.closure(of: "top.proto") == ["top.proto", "base.proto", "a.proto", "b.proto"])
  }

  @Test func importCyclesAreFound() throws {
    var pool = DescriptorPool()
    try pool.add(FileDescriptorProto(name: "a.proto", dependencies: ["b.proto"]))
    try pool.add(FileDescriptorProto(name: "b.proto", dependencies: ["c.proto"]))
    try pool.add(FileDescriptorProto(name: "c.proto", dependencies: ["b.proto"]))
    try pool.add(FileDescriptorProto(name: "self.proto", dependencies: ["self.proto"]))
    #expect(throws: DescriptorPoolError.importCycle(["b.proto", "c.proto", "b.proto"])) {
      try pool.closure(of: "a.proto")
    }
    #expect(throws: DescriptorPoolError.importCycle(["self.proto", "self.proto"])) {
      try pool.closure(of: "self.proto")
    }
    #expect(
      DescriptorPoolError.importCycle(["a.proto", "a.proto"]).description
        == "files import each other in a cycle: a.proto -> a.proto")
  }
}
