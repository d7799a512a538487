/// `grpc.reflection.v1.FileDescriptorResponse`: serialized `FileDescriptorProto`s, the file
/// asked for and the files it imports.
public struct FileDescriptorResponse: Hashable, Sendable {
  /// More files than any real answer holds (a server's whole schema is a few hundred): past
  /// this the answer is refused as it is decoded, so a hostile list costs no more than this.
  public static let maximumFiles = 10_000

  public var fileDescriptorProtos: [[UInt8]]

  public init(fileDescriptorProtos: [[UInt8]] = []) {
    self.fileDescriptorProtos = fileDescriptorProtos
  }
}

extension FileDescriptorResponse: ProtobufMessage {
  public init() { self.init(fileDescriptorProtos: []) }

  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1:
        guard fileDescriptorProtos.count < Self.maximumFiles else {
          throw ProtobufDecodingError(
            offset: tag.offset, "more than \(Self.maximumFiles) files in one answer")
        }
        fileDescriptorProtos.append(try reader.readBytes(tag))
      default: try reader.skip(tag)
      }
    }
  }

  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    for file in fileDescriptorProtos { writer.writeLengthDelimited(1, file) }
  }
}

extension FileDescriptorResponse: JSONMessage {
  public static let protoMessageName = "grpc.reflection.v1.FileDescriptorResponse"

  static let jsonFields = JSONFieldTable(
    messageName: protoMessageName,
    fields: [JSONFieldTable.Field("fileDescriptorProto", "file_descriptor_proto")])

  public init(json: JSONValue, options: JSONMappingOptions) throws(JSONInputError) {
    try self.init(json: json, options: options, path: "")
  }

  init(json: JSONValue, options: JSONMappingOptions, path: String) throws(JSONInputError) {
    self.init()
    try Self.jsonFields.forEachField(of: json, path: path, options: options) {
      (_, member) throws(JSONInputError) in
      let key = joined(path, member.key)
      for element in try member.value.elements(path: path, key: member.key) {
        fileDescriptorProtos.append(try element.bytes(path: key, key: "[]"))
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter, options: JSONMappingOptions) {
    writer.beginObject()
    if !fileDescriptorProtos.isEmpty || options.emitDefaults {
      writer.writeKey(Self.jsonFields.fields[0], options)
      writer.beginArray()
      for file in fileDescriptorProtos {
        writer.separateElement()
        writer.writeString(Base64.encode(file))
      }
      writer.endArray()
    }
    writer.endObject()
  }
}

extension FileDescriptorResponse: GRPCMessage {}
