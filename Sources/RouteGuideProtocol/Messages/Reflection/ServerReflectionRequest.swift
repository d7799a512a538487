/// `grpc.reflection.v1.ServerReflectionRequest` (v1alpha has the same fields): one question on
/// the reflection stream.
public struct ServerReflectionRequest: Hashable, Sendable {
  /// The `message_request` oneof: what is asked.
  public enum Question: Hashable, Sendable {
    /// The file of this name (e.g. `route_guide.proto`) and its imports.
    case fileByFilename(String)
    /// The file that defines this fully-qualified name, and its imports.
    case fileContainingSymbol(String)
    case fileContainingExtension(ExtensionRequest)
    case allExtensionNumbersOfType(String)
    /// The services the server exports (the value is not looked at).
    case listServices(String)
  }

  public var host: String
  /// nil when the request sets none of the oneof's fields.
  public var question: Question?

  public init(host: String = "", question: Question? = nil) {
    self.host = host
    self.question = question
  }
}

extension ServerReflectionRequest: ProtobufMessage {
  public init() { self.init(host: "", question: nil) }

  /// Decodes fields into this value: the last oneof member given wins, as in protobuf.
  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: host = try reader.readString(tag)
      case 3: question = .fileByFilename(try reader.readString(tag))
      case 4: question = .fileContainingSymbol(try reader.readString(tag))
      case 5:
        var nested = try reader.readMessage(tag)
        var request = ExtensionRequest()
        if case .fileContainingExtension(let earlier) = question { request = earlier }
        try request.merge(from: &nested)
        question = .fileContainingExtension(request)
      case 6: question = .allExtensionNumbersOfType(try reader.readString(tag))
      case 7: question = .listServices(try reader.readString(tag))
      default: try reader.skip(tag)
      }
    }
  }

  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    writer.writeStringField(1, host)
    switch question {
    case .fileByFilename(let name): writer.writeLengthDelimited(3, name.utf8)
    case .fileContainingSymbol(let symbol): writer.writeLengthDelimited(4, symbol.utf8)
    case .fileContainingExtension(let request): writer.writeMessageField(5, request)
    case .allExtensionNumbersOfType(let type): writer.writeLengthDelimited(6, type.utf8)
    case .listServices(let value): writer.writeLengthDelimited(7, value.utf8)
    case nil: break
    }
  }
}

extension ServerReflectionRequest: GRPCMessage {}
