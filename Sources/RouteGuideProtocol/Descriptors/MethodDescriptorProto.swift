/// `google.protobuf.MethodDescriptorProto`: one RPC, its message types and streaming sides.
public struct MethodDescriptorProto: Hashable, Sendable {
  public var name: String
  /// Full names with a leading dot, as protoc writes them (`.routeguide.Point`).
  public var inputType: String
  public var outputType: String
  public var clientStreaming: Bool
  public var serverStreaming: Bool

  public init(
    name: String = "", inputType: String = "", outputType: String = "",
    clientStreaming: Bool = false, serverStreaming: Bool = false
  ) {
    self.name = name
    self.inputType = inputType
    self.outputType = outputType
    self.clientStreaming = clientStreaming
    self.serverStreaming = serverStreaming
  }

  /// The call shape the streaming flags make.
  public var shape: CallShape {
    switch (clientStreaming, serverStreaming) {
    case (false, false): .unary
    case (false, true): .serverStreaming
    case (true, false): .clientStreaming
    case (true, true): .bidiStreaming
    }
  }
}

extension MethodDescriptorProto: ProtobufMessage {
  public init() { self.init(name: "") }

  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: name = try reader.readString(tag)
      case 2: inputType = try reader.readString(tag)
      case 3: outputType = try reader.readString(tag)
      case 5: clientStreaming = try reader.readBool(tag)
      case 6: serverStreaming = try reader.readBool(tag)
      default: try reader.skip(tag)
      }
    }
  }

  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    writer.writeStringField(1, name)
    writer.writeStringField(2, inputType)
    writer.writeStringField(3, outputType)
    writer.writeBoolField(5, clientStreaming)
    writer.writeBoolField(6, serverStreaming)
  }
}
