/// `grpc.health.v1.HealthCheckRequest`: the service to check; empty means the whole server.
public struct HealthCheckRequest: Hashable, Sendable {
  public var service: String

  public init(service: String = "") {
    self.service = service
  }
}

extension HealthCheckRequest: ProtobufMessage {
  public init() { self.init(service: "") }

  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: service = try reader.readString(tag)
      default: try reader.skip(tag)
      }
    }
  }

  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    writer.writeStringField(1, service)
  }
}

extension HealthCheckRequest: JSONMessage {
  public static let protoMessageName = "grpc.health.v1.HealthCheckRequest"

  static let jsonFields = JSONFieldTable(
    messageName: protoMessageName, fields: [JSONFieldTable.Field("service", "service")])

  public init(json: JSONValue, options: JSONMappingOptions) throws(JSONInputError) {
    self.init()
    try Self.jsonFields.forEachField(of: json, path: "", options: options) {
      (_, member) throws(JSONInputError) in
      service = try member.value.string(path: "", key: member.key)
    }
  }

  public func writeJSON(to writer: inout JSONWriter, options: JSONMappingOptions) {
    writer.beginObject()
    if !service.isEmpty || options.emitDefaults {
      writer.writeKey(Self.jsonFields.fields[0], options)
      writer.writeString(service)
    }
    writer.endObject()
  }
}

extension HealthCheckRequest: GRPCMessage {}
