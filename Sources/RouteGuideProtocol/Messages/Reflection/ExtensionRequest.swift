/// `grpc.reflection.v1.ExtensionRequest`: an extension of a message type, by field number.
public struct ExtensionRequest: Hashable, Sendable {
  /// The extended message's full name, e.g. `routeguide.Point`.
  public var containingType: String
  public var extensionNumber: Int32

  public init(containingType: String = "", extensionNumber: Int32 = 0) {
    self.containingType = containingType
    self.extensionNumber = extensionNumber
  }
}

extension ExtensionRequest: ProtobufMessage {
  public init() { self.init(containingType: "", extensionNumber: 0) }

  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: containingType = try reader.readString(tag)
      case 2: extensionNumber = try reader.readInt32(tag)
      default: try reader.skip(tag)
      }
    }
  }

  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    writer.writeStringField(1, containingType)
    writer.writeInt32Field(2, extensionNumber)
  }
}

extension ExtensionRequest: JSONMessage {
  public static let protoMessageName = "grpc.reflection.v1.ExtensionRequest"

  static let jsonFields = JSONFieldTable(
    messageName: protoMessageName,
    fields: [
      JSONFieldTable.Field("containingType", "containing_type"),
      .init("extensionNumber", "extension_number"),
    ])

  public init(json: JSONValue, options: JSONMappingOptions) throws(JSONInputError) {
    try self.init(json: json, options: options, path: "")
  }

  init(json: JSONValue, options: JSONMappingOptions, path: String) throws(JSONInputError) {
    self.init()
    try Self.jsonFields.forEachField(of: json, path: path, options: options) {
      (field, member) throws(JSONInputError) in
      switch field {
      case 0: containingType = try member.value.string(path: path, key: member.key)
      default: extensionNumber = try member.value.int32(path: path, key: member.key)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter, options: JSONMappingOptions) {
    let fields = Self.jsonFields.fields
    writer.beginObject()
    if !containingType.isEmpty || options.emitDefaults {
      writer.writeKey(fields[0], options)
      writer.writeString(containingType)
    }
    if extensionNumber != 0 || options.emitDefaults {
      writer.writeKey(fields[1], options)
      writer.writeInt32(extensionNumber)
    }
    writer.endObject()
  }
}

extension ExtensionRequest: GRPCMessage {}
