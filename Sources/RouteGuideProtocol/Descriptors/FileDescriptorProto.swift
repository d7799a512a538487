/// `google.protobuf.FileDescriptorProto`: one .proto file as protoc describes it, the parts rg
/// reads (options, extensions and source info are skipped).
public struct FileDescriptorProto: Hashable, Sendable {
  /// The path it is imported by, e.g. `grpc/health/v1/health.proto`.
  public var name: String
  public var package: String
  /// The names of the files it imports.
  public var dependencies: [String]
  public var messageTypes: [DescriptorProto]
  public var enumTypes: [EnumDescriptorProto]
  public var services: [ServiceDescriptorProto]
  /// `proto2`, `proto3` or `editions`; empty means proto2.
  public var syntax: String

  public init(
    name: String = "", package: String = "", dependencies: [String] = [],
    messageTypes: [DescriptorProto] = [], enumTypes: [EnumDescriptorProto] = [],
    services: [ServiceDescriptorProto] = [], syntax: String = ""
  ) {
    self.name = name
    self.package = package
    self.dependencies = dependencies
    self.messageTypes = messageTypes
    self.enumTypes = enumTypes
    self.services = services
    self.syntax = syntax
  }
}

extension FileDescriptorProto: ProtobufMessage {
  public init() { self.init(name: "") }

  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: name = try reader.readString(tag)
      case 2: package = try reader.readString(tag)
      case 3: dependencies.append(try reader.readString(tag))
      case 4:
        messageTypes.append(try DescriptorProto.decode(&reader, tag, as: DescriptorProto.self))
      case 5:
        enumTypes.append(try DescriptorProto.decode(&reader, tag, as: EnumDescriptorProto.self))
      case 6:
        services.append(try DescriptorProto.decode(&reader, tag, as: ServiceDescriptorProto.self))
      case 12: syntax = try reader.readString(tag)
      default: try reader.skip(tag)
      }
    }
  }

  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    writer.writeStringField(1, name)
    writer.writeStringField(2, package)
    for dependency in dependencies { writer.writeLengthDelimited(3, dependency.utf8) }
    for message in messageTypes { writer.writeMessageField(4, message) }
    for enumType in enumTypes { writer.writeMessageField(5, enumType) }
    for service in services { writer.writeMessageField(6, service) }
    writer.writeStringField(12, syntax)
  }
}
