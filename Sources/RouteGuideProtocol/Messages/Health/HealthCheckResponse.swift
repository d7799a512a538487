/// `grpc.health.v1.HealthCheckResponse`: how the service is doing.
public struct HealthCheckResponse: Hashable, Sendable {
  public var status: ServingStatus

  public init(status: ServingStatus = .unknown) {
    self.status = status
  }
}

extension HealthCheckResponse: ProtobufMessage {
  public init() { self.init(status: .unknown) }

  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: status = ServingStatus(rawValue: try reader.readInt32(tag))
      default: try reader.skip(tag)
      }
    }
  }

  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    writer.writeInt32Field(1, status.rawValue)
  }
}

extension HealthCheckResponse: JSONMessage {
  public static let protoMessageName = "grpc.health.v1.HealthCheckResponse"

  static let jsonFields = JSONFieldTable(
    messageName: protoMessageName, fields: [JSONFieldTable.Field("status", "status")])

  public init(json: JSONValue, options: JSONMappingOptions) throws(JSONInputError) {
    self.init()
    try Self.jsonFields.forEachField(of: json, path: "", options: options) {
      (_, member) throws(JSONInputError) in
      status = try member.value.enumValue(ServingStatus.self, path: "", key: member.key)
    }
  }

  public func writeJSON(to writer: inout JSONWriter, options: JSONMappingOptions) {
    writer.beginObject()
    if status != .unknown || options.emitDefaults {
      writer.writeKey(Self.jsonFields.fields[0], options)
      writer.writeEnum(status)
    }
    writer.endObject()
  }
}

extension HealthCheckResponse: GRPCMessage {}
