/// `grpc.reflection.v1.ExtensionNumberResponse`: the extension field numbers of a type.
public struct ExtensionNumberResponse: Hashable, Sendable {
  public var baseTypeName: String
  public var extensionNumbers: [Int32]

  public init(baseTypeName: String = "", extensionNumbers: [Int32] = []) {
    self.baseTypeName = baseTypeName
    self.extensionNumbers = extensionNumbers
  }
}

extension ExtensionNumberResponse: ProtobufMessage {
  public init() { self.init(baseTypeName: "", extensionNumbers: []) }

  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: baseTypeName = try reader.readString(tag)
      case 2: extensionNumbers += try reader.readInt32Values(tag)
      default: try reader.skip(tag)
      }
    }
  }

  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    writer.writeStringField(1, baseTypeName)
    writer.writePackedInt32Field(2, extensionNumbers)
  }
}

extension ExtensionNumberResponse: JSONMessage {
  public static let protoMessageName = "grpc.reflection.v1.ExtensionNumberResponse"

  static let jsonFields = JSONFieldTable(
    messageName: protoMessageName,
    fields: [
      JSONFieldTable.Field("baseTypeName", "base_type_name"),
      .init("extensionNumber", "extension_number"),
    ])

  public init(json: JSONValue, options: JSONMappingOptions) throws(JSONInputError) {
    try self.init(json: json, options: options, path: "")
  }

  init(json: JSONValue, options: JSONMappingOptions, path: String) throws(JSONInputError) {
    self.init()
    try Self.jsonFields.forEachField(of: json, path: path, options: options) {
      (field, member) throws(JSONInputError) in
      guard field == 1 else {
        baseTypeName = try member.value.string(path: path, key: member.key)
        return
      }
      let key = joined(path, member.key)
      for element in try member.value.elements(path: path, key: member.key) {
        extensionNumbers.append(try element.int32(path: key, key: "[]"))
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter, options: JSONMappingOptions) {
    let fields = Self.jsonFields.fields
    writer.beginObject()
    if !baseTypeName.isEmpty || options.emitDefaults {
      writer.writeKey(fields[0], options)
      writer.writeString(baseTypeName)
    }
    if !extensionNumbers.isEmpty || options.emitDefaults {
      writer.writeKey(fields[1], options)
      writer.beginArray()
      for number in extensionNumbers {
        writer.separateElement()
        writer.writeInt32(number)
      }
      writer.endArray()
    }
    writer.endObject()
  }
}

extension ExtensionNumberResponse: GRPCMessage {}
