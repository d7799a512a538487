/// Binary protobuf input that is truncated or malformed, with the byte offset where it broke.
public struct ProtobufDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
  public var offset: Int
  public var message: String

  public init(offset: Int, _ message: String) {
    self.offset = offset
    self.message = message
  }

  public var description: String { "malformed protobuf at byte \(offset): \(message)" }
}
