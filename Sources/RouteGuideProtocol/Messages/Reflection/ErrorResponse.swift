/// `grpc.reflection.v1.ErrorResponse`: why a question has no answer, as a gRPC status.
public struct ErrorResponse: Hashable, Sendable {
  /// A gRPC status code number (any number a peer sends is kept).
  public var errorCode: Int32
  public var errorMessage: String

  public init(errorCode: Int32 = 0, errorMessage: String = "") {
    self.errorCode = errorCode
    self.errorMessage = errorMessage
  }

  public init(_ status: GRPCStatus) {
    self.init(errorCode: Int32(status.code.rawValue), errorMessage: status.message)
  }

  /// The status it stands for; a code gRPC does not have is UNKNOWN, as a library reads it.
  public var status: GRPCStatus {
    let code = GRPCStatusCode(rawValue: Int(errorCode)) ?? .unknown
    return GRPCStatus(code, errorMessage)
  }
}

extension ErrorResponse: ProtobufMessage {
  public init() { self.init(errorCode: 0, errorMessage: "") }

  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: errorCode = try reader.readInt32(tag)
      case 2: errorMessage = try reader.readString(tag)
      default: try reader.skip(tag)
      }
    }
  }

  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    writer.writeInt32Field(1, errorCode)
    writer.writeStringField(2, errorMessage)
  }
}

extension ErrorResponse: JSONMessage {
  public static let protoMessageName = "grpc.reflection.v1.ErrorResponse"

  static let jsonFields = JSONFieldTable(
    messageName: protoMessageName,
    fields: [
      JSONFieldTable.Field("errorCode", "error_code"), .init("errorMessage", "error_message"),
    ])

  public init(json: JSONValue, options: JSONMappingOptions) throws(JSONInputError) {
    try self.init(json: json, options: options, path: "")
  }

  init(json: JSONValue, options: JSONMappingOptions, path: String) throws(JSONInputError) {
    self.init()
    try Self.jsonFields.forEachField(of: json, path: path, options: options) {
      (field, member) throws(JSONInputError) in
      switch field {
      case 0: errorCode = try member.value.int32(path: path, key: member.key)
      default: errorMessage = try member.value.string(path: path, key: member.key)
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter, options: JSONMappingOptions) {
    let fields = Self.jsonFields.fields
    writer.beginObject()
    if errorCode != 0 || options.emitDefaults {
      writer.writeKey(fields[0], options)
      writer.writeInt32(errorCode)
    }
    if !errorMessage.isEmpty || options.emitDefaults {
      writer.writeKey(fields[1], options)
      writer.writeString(errorMessage)
    }
    writer.endObject()
  }
}

extension ErrorResponse: GRPCMessage {}
