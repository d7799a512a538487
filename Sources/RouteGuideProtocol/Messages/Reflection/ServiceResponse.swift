/// `grpc.reflection.v1.ServiceResponse`: one service the server exports.
public struct ServiceResponse: Hashable, Sendable {
  /// The full name, e.g. `routeguide.RouteGuide`.
  public var name: String

  public init(name: String = "") {
    self.name = name
  }
}

extension ServiceResponse: ProtobufMessage {
  public init() { self.init(name: "") }

  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: name = try reader.readString(tag)
      default: try reader.skip(tag)
      }
    }
  }

  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    writer.writeStringField(1, name)
  }
}

extension ServiceResponse: JSONMessage {
  public static let protoMessageName = "grpc.reflection.v1.ServiceResponse"

  static let jsonFields = JSONFieldTable(
    messageName: protoMessageName, fields: [JSONFieldTable.Field("name", "name")])

  public init(json: JSONValue, options: JSONMappingOptions) throws(JSONInputError) {
    try self.init(json: json, options: options, path: "")
  }

  init(json: JSONValue, options: JSONMappingOptions, path: String) throws(JSONInputError) {
    self.init()
    try Self.jsonFields.forEachField(of: json, path: path, options: options) {
      (_, member) throws(JSONInputError) in
      name = try member.value.string(path: path, key: member.key)
    }
  }

  public func writeJSON(to writer: inout JSONWriter, options: JSONMappingOptions) {
    writer.beginObject()
    if !name.isEmpty || options.emitDefaults {
      writer.writeKey(Self.jsonFields.fields[0], options)
      writer.writeString(name)
    }
    writer.endObject()
  }
}

extension ServiceResponse: GRPCMessage {}
