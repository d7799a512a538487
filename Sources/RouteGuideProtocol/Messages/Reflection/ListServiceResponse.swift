/// `grpc.reflection.v1.ListServiceResponse`: the services the server exports.
public struct ListServiceResponse: Hashable, Sendable {
  public var services: [ServiceResponse]

  public init(services: [ServiceResponse] = []) {
    self.services = services
  }
}

extension ListServiceResponse: ProtobufMessage {
  public init() { self.init(services: []) }

  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1:
        var nested = try reader.readMessage(tag)
        var service = ServiceResponse()
        try service.merge(from: &nested)
        services.append(service)
      default: try reader.skip(tag)
      }
    }
  }

  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    for service in services { writer.writeMessageField(1, service) }
  }
}

extension ListServiceResponse: JSONMessage {
  public static let protoMessageName = "grpc.reflection.v1.ListServiceResponse"

  static let jsonFields = JSONFieldTable(
    messageName: protoMessageName, fields: [JSONFieldTable.Field("service", "service")])

  public init(json: JSONValue, options: JSONMappingOptions) throws(JSONInputError) {
    try self.init(json: json, options: options, path: "")
  }

  init(json: JSONValue, options: JSONMappingOptions, path: String) throws(JSONInputError) {
    self.init()
    try Self.jsonFields.forEachField(of: json, path: path, options: options) {
      (_, member) throws(JSONInputError) in
      let key = joined(path, member.key)
      for element in try member.value.elements(path: path, key: member.key) {
        services.append(try ServiceResponse(json: element, options: options, path: key))
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter, options: JSONMappingOptions) {
    writer.beginObject()
    if !services.isEmpty || options.emitDefaults {
      writer.writeKey(Self.jsonFields.fields[0], options)
      writer.beginArray()
      for service in services {
        writer.separateElement()
        service.writeJSON(to: &writer, options: options)
      }
      writer.endArray()
    }
    writer.endObject()
  }
}

extension ListServiceResponse: GRPCMessage {}
