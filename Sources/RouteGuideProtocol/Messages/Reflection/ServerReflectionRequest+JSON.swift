extension ServerReflectionRequest: JSONMessage {
  public static let protoMessageName = "grpc.reflection.v1.ServerReflectionRequest"

  static let jsonFields = JSONFieldTable(
    messageName: protoMessageName,
    fields: [
      JSONFieldTable.Field("host", "host"), .init("fileByFilename", "file_by_filename"),
      .init("fileContainingSymbol", "file_containing_symbol"),
      .init("fileContainingExtension", "file_containing_extension"),
      .init("allExtensionNumbersOfType", "all_extension_numbers_of_type"),
      .init("listServices", "list_services"),
    ])

  public init(json: JSONValue, options: JSONMappingOptions) throws(JSONInputError) {
    try self.init(json: json, options: options, path: "")
  }

  init(json: JSONValue, options: JSONMappingOptions, path: String) throws(JSONInputError) {
    self.init()
    try Self.jsonFields.forEachField(of: json, path: path, options: options) {
      (field, member) throws(JSONInputError) in
      guard field != 0 else {
        host = try member.value.string(path: path, key: member.key)
        return
      }
      // Proto3 JSON: a oneof takes one member.
      guard question == nil else {
        throw member.error(
          prefixed(path, "\(quoted(member.key)): message_request already has a member"))
      }
      let value = member.value
      switch field {
      case 1: question = .fileByFilename(try value.string(path: path, key: member.key))
      case 2: question = .fileContainingSymbol(try value.string(path: path, key: member.key))
      case 3:
        question = .fileContainingExtension(
          try ExtensionRequest(json: value, options: options, path: joined(path, member.key)))
      case 4:
        question = .allExtensionNumbersOfType(try value.string(path: path, key: member.key))
      default: question = .listServices(try value.string(path: path, key: member.key))
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter, options: JSONMappingOptions) {
    let fields = Self.jsonFields.fields
    writer.beginObject()
    if !host.isEmpty || options.emitDefaults {
      writer.writeKey(fields[0], options)
      writer.writeString(host)
    }
    switch question {
    case .fileByFilename(let name):
      writer.writeKey(fields[1], options)
      writer.writeString(name)
    case .fileContainingSymbol(let symbol):
      writer.writeKey(fields[2], options)
      writer.writeString(symbol)
    case .fileContainingExtension(let request):
      writer.writeKey(fields[3], options)
      request.writeJSON(to: &writer, options: options)
    case .allExtensionNumbersOfType(let type):
      writer.writeKey(fields[4], options)
      writer.writeString(type)
    case .listServices(let value):
      writer.writeKey(fields[5], options)
      writer.writeString(value)
    case nil: break
    }
    writer.endObject()
  }
}
