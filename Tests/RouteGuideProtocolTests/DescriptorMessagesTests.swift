import RouteGuideProtocol
import Testing

/// The descriptor messages read what protoc writes, and write what they read.
@Suite struct DescriptorMessagesTests {
  @Test func routeGuideReadsAsTheTutorialDefinesIt() throws {
    let file = try FileDescriptorProto(protobuf: BuiltinDescriptors.routeGuide)
    #expect(file.package == "routeguide")
    #expect(
      file.messageTypes.map(\.name) == [
        "Point", "Rectangle", "Feature", "RouteNote", "RouteSummary",
      ])
    let point = file.messageTypes[0]
    #expect(point.fields.map(\.name) == ["latitude", "longitude"])
    #expect(point.fields.map(\.number) == [1, 2])
    #expect(point.fields.allSatisfy { $0.type == .int32 && $0.label == .optional })
    let feature = file.messageTypes[2]
    #expect(feature.fields[1].type == .message)
    #expect(feature.fields[1].typeName == ".routeguide.Point")
    #expect(feature.fields[1].typeFullName == "routeguide.Point")
    let summary = file.messageTypes[4]
    #expect(
      summary.fields.map(\.jsonName) == ["pointCount", "featureCount", "distance", "elapsedTime"])
    let chat = try #require(file.services.first?.methods.last)
    #expect(chat.name == "RouteChat" && chat.clientStreaming && chat.serverStreaming)
    #expect(chat.shape == .bidiStreaming)
  }

  @Test func nestedEnumsAndOneofsAreRead() throws {
    let health = try FileDescriptorProto(protobuf: BuiltinDescriptors.health)
    let response = health.messageTypes[1]
    #expect(response.enumTypes.first?.name == "ServingStatus")
    #expect(response.enumTypes.first?.values.map(\.number) == [0, 1, 2, 3])
    #expect(response.fields[0].type == .enum)
    let reflection = try FileDescriptorProto(protobuf: BuiltinDescriptors.reflectionV1)
    let request = reflection.messageTypes[0]
    #expect(request.oneofNames == ["message_request"])
    #expect(request.fields.map(\.oneofIndex) == [nil, 0, 0, 0, 0, 0])
  }

  @Test func writtenDescriptorsReadBackTheSame() throws {
    let message = DescriptorProto(
      name: "Entry",
      fields: [
        FieldDescriptorProto(name: "key", number: 1, type: .string, jsonName: "key"),
        FieldDescriptorProto(
          name: "value", number: 2, label: .repeated, type: .message, typeName: ".a.B",
          oneofIndex: 0, proto3Optional: true),
      ],
      nestedTypes: [DescriptorProto(name: "Inner")],
      enumTypes: [EnumDescriptorProto(name: "E", values: [.init(name: "A", number: -1)])],
      oneofNames: ["choice"], isMapEntry: true)
    let file = FileDescriptorProto(
      name: "a.proto", package: "a", dependencies: ["b.proto"], messageTypes: [message],
      services: [
        ServiceDescriptorProto(
          name: "S",
          methods: [
            MethodDescriptorProto(
              name: "M", inputType: ".a.Entry", outputType: ".a.Entry", serverStreaming: true)
          ])
      ], syntax: "proto3")
    #expect(try FileDescriptorProto(protobuf: file.protobufBytes()) == file)
  }

  @Test func unknownFieldsAreSkipped() throws {
    var writer = ProtobufWriter()
    writer.writeStringField(1, "x.proto")
    writer.writeLengthDelimited(8, [0x0A, 0x01, 0x41])  // options
    writer.writeLengthDelimited(9, [])  // source_code_info
    writer.writeInt32Field(14, 1000)  // edition
    let file = try FileDescriptorProto(protobuf: writer.bytes)
    #expect(file.name == "x.proto")
  }

  @Test func nestingDeeperThanProtobufAllowsIsRefused() {
    var message = DescriptorProto(name: "m").protobufBytes()
    for _ in 0..<DescriptorProto.maximumDepth {
      var writer = ProtobufWriter()
      writer.writeStringField(1, "m")
      writer.writeLengthDelimited(3, message)
      message = writer.bytes
    }
    #expect(throws: ProtobufDecodingError.self) { try DescriptorProto(protobuf: message) }
  }

  @Test func fieldTypesHaveTheirSourceKeywords() {
    #expect(FieldType.int32.keyword == "int32")
    #expect(FieldType.sint64.keyword == "sint64")
    #expect(FieldType.bytes.description == "bytes")
    #expect(FieldType(rawValue: 99).keyword == nil)
    #expect(FieldType(rawValue: 99).description == "type 99")
    #expect(FieldType.message.isNamed && FieldType.enum.isNamed && !FieldType.string.isNamed)
  }
}
