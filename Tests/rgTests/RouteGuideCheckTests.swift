import RouteGuideProtocol
import Testing

@testable import rg

@Suite struct RouteGuideCheckTests {
  /// rg's own route_guide.proto, changed by `change`, as a server's pool.
  func server(_ change: (inout FileDescriptorProto) -> Void = { _ in }) throws -> DescriptorPool {
    var file = try FileDescriptorProto(protobuf: BuiltinDescriptors.routeGuide)
    change(&file)
    var pool = DescriptorPool()
    try pool.add(file)
    return pool
  }

  func lines(_ pool: DescriptorPool) -> [String] {
    RouteGuideCheck.builtin().differences(server: pool).map(\.line)
  }

  @Test func rgsOwnRouteGuideFits() throws {
    #expect(lines(try server()).isEmpty)
    // What the server has besides is no difference.
    #expect(
      lines(
        try server { file in
          file.messageTypes[0].fields.append(
            FieldDescriptorProto(name: "altitude", number: 3, type: .int64))
          file.services[0].methods.append(
            MethodDescriptorProto(
              name: "Extra", inputType: ".routeguide.Point", outputType: ".routeguide.Point"))
        }
      ).isEmpty)
  }

  @Test func fieldTypesAndNumbers() throws {
    let pool = try server { file in
      file.messageTypes[0].fields[0].type = .int64
      file.messageTypes[0].fields.remove(at: 1)
      file.messageTypes[2].fields[1].label = .repeated
      file.messageTypes[4].fields[2].number = 9
    }
    #expect(
      lines(pool) == [
        "routeguide.Point.latitude: server has field 1 as int64, rg speaks int32",
        "routeguide.Point.longitude: server has no field 2, rg speaks int32",
        "routeguide.Feature.location: server has field 2 as repeated routeguide.Point, rg speaks "
          + "routeguide.Point",
        "routeguide.RouteSummary.distance: server has no field 3, rg speaks int32",
      ])
  }

  @Test func methodsShapesAndTypes() throws {
    let pool = try server { file in
      file.services[0].methods[3].serverStreaming = false
      file.services[0].methods[0].inputType = ".routeguide.Rectangle"
      file.services[0].methods[1].outputType = ".routeguide.Point"
      file.services[0].methods.remove(at: 2)
    }
    #expect(
      lines(pool) == [
        "routeguide.RouteGuide.GetFeature: server takes routeguide.Rectangle, rg sends "
          + "routeguide.Point",
        "routeguide.RouteGuide.ListFeatures: server returns routeguide.Point, rg expects "
          + "routeguide.Feature",
        "routeguide.RouteGuide.RecordRoute: the server has no such method",
        "routeguide.RouteGuide.RouteChat: server has it client-streaming, rg speaks "
          + "bidi-streaming",
      ])
  }

  @Test func missingServiceAndMessages() throws {
    #expect(
      lines(try server { $0.services = [] }) == [
        "routeguide.RouteGuide: the server has no such service"
      ])
    let renamed = try server { file in file.messageTypes[3].name = "Note" }
    #expect(lines(renamed) == ["routeguide.RouteNote: the server does not define it"])
  }

  @Test func rgsSideComesFromItsMethodTable() {
    let check = RouteGuideCheck.builtin()
    #expect(check.methods == RouteGuide.methods)
    #expect(check.serviceName == "routeguide.RouteGuide")
  }
}
