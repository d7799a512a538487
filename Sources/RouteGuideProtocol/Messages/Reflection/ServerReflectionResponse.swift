/// `grpc.reflection.v1.ServerReflectionResponse` (v1alpha has the same fields): one answer on
/// the reflection stream, in the order of the questions.
public struct ServerReflectionResponse: Hashable, Sendable {
  /// The `message_response` oneof: the answer.
  public enum Answer: Hashable, Sendable {
    case fileDescriptors(FileDescriptorResponse)
    case extensionNumbers(ExtensionNumberResponse)
    case services(ListServiceResponse)
    case error(ErrorResponse)
  }

  public var validHost: String
  /// The question this answers, as the server read it.
  public var originalRequest: ServerReflectionRequest?
  /// nil when the response sets none of the oneof's fields.
  public var answer: Answer?

  public init(
    validHost: String = "", originalRequest: ServerReflectionRequest? = nil,
    answer: Answer? = nil
  ) {
    self.validHost = validHost
    self.originalRequest = originalRequest
    self.answer = answer
  }
}

extension ServerReflectionResponse: ProtobufMessage {
  public init() { self.init(validHost: "", originalRequest: nil, answer: nil) }

  /// Decodes fields into this value: a oneof member given again merges, another one replaces
  /// it, as in protobuf.
  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: validHost = try reader.readString(tag)
      case 2:
        var nested = try reader.readMessage(tag)
        var request = originalRequest ?? ServerReflectionRequest()
        try request.merge(from: &nested)
        originalRequest = request
      case 4: answer = .fileDescriptors(try merged(from: &reader, tag, answer?.fileDescriptors))
      case 5: answer = .extensionNumbers(try merged(from: &reader, tag, answer?.extensionNumbers))
      case 6: answer = .services(try merged(from: &reader, tag, answer?.services))
      case 7: answer = .error(try merged(from: &reader, tag, answer?.error))
      default: try reader.skip(tag)
      }
    }
  }

  private func merged<Message: ProtobufMessage>(
    from reader: inout ProtobufReader, _ tag: ProtobufReader.Tag, _ earlier: Message?
  ) throws(ProtobufDecodingError) -> Message {
    var nested = try reader.readMessage(tag)
    var message = earlier ?? Message()
    try message.merge(from: &nested)
    return message
  }

  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    writer.writeStringField(1, validHost)
    if let originalRequest { writer.writeMessageField(2, originalRequest) }
    switch answer {
    case .fileDescriptors(let files): writer.writeMessageField(4, files)
    case .extensionNumbers(let numbers): writer.writeMessageField(5, numbers)
    case .services(let services): writer.writeMessageField(6, services)
    case .error(let error): writer.writeMessageField(7, error)
    case nil: break
    }
  }
}

extension ServerReflectionResponse.Answer {
  var fileDescriptors: FileDescriptorResponse? {
    if case .fileDescriptors(let value) = self { value } else { nil }
  }
  var extensionNumbers: ExtensionNumberResponse? {
    if case .extensionNumbers(let value) = self { value } else { nil }
  }
  var services: ListServiceResponse? {
    if case .services(let value) = self { value } else { nil }
  }
  var error: ErrorResponse? {
    if case .error(let value) = self { value } else { nil }
  }
}

extension ServerReflectionResponse: GRPCMessage {}
