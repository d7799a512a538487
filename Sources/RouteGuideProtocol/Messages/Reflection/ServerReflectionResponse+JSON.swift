extension ServerReflectionResponse: JSONMessage {
  public static let protoMessageName = "grpc.reflection.v1.ServerReflectionResponse"

  static let jsonFields = JSONFieldTable(
    messageName: protoMessageName,
    fields: [
      JSONFieldTable.Field("validHost", "valid_host"),
      .init("originalRequest", "original_request"),
      .init("fileDescriptorResponse", "file_descriptor_response"),
      .init("allExtensionNumbersResponse", "all_extension_numbers_response"),
      .init("listServicesResponse", "list_services_response"),
      .init("errorResponse", "error_response"),
    ])

  public init(json: JSONValue, options: JSONMappingOptions) throws(JSONInputError) {
    self.init()
    try Self.jsonFields.forEachField(of: json, path: "", options: options) {
      (field, member) throws(JSONInputError) in
      let value = member.value
      switch field {
      case 0: validHost = try value.string(path: "", key: member.key)
      case 1:
        originalRequest = try ServerReflectionRequest(
          json: value, options: options, path: member.key)
      default:
        guard answer == nil else {
          throw member.error("\(quoted(member.key)): message_response already has a member")
        }
        answer = try Self.answer(field, value, options, member.key)
      }
    }
  }

  private static func answer(
    _ field: Int, _ value: JSONValue, _ options: JSONMappingOptions, _ key: String
  ) throws(JSONInputError) -> Answer {
    switch field {
    case 2: .fileDescriptors(try FileDescriptorResponse(json: value, options: options, path: key))
    case 3:
      .extensionNumbers(try ExtensionNumberResponse(json: value, options: options, path: key))
    case 4: .services(try ListServiceResponse(json: value, options: options, path: key))
    default: .error(try ErrorResponse(json: value, options: options, path: key))
    }
  }

  public func writeJSON(to writer: inout JSONWriter, options: JSONMappingOptions) {
    let fields = Self.jsonFields.fields
    writer.beginObject()
    if !validHost.isEmpty || options.emitDefaults {
      writer.writeKey(fields[0], options)
      writer.writeString(validHost)
    }
    if let originalRequest {
      writer.writeKey(fields[1], options)
      originalRequest.writeJSON(to: &writer, options: options)
    }
    switch answer {
    case .fileDescriptors(let files):
      writer.writeKey(fields[2], options)
      files.writeJSON(to: &writer, options: options)
    case .extensionNumbers(let numbers):
      writer.writeKey(fields[3], options)
      numbers.writeJSON(to: &writer, options: options)
    case .services(let services):
      writer.writeKey(fields[4], options)
      services.writeJSON(to: &writer, options: options)
    case .error(let error):
      writer.writeKey(fields[5], options)
      error.writeJSON(to: &writer, options: options)
    case nil: break
    }
    writer.endObject()
  }
}
