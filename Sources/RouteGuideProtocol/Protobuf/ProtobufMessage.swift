/// A message with a protobuf binary form.
public protocol ProtobufMessage: Sendable {
  init()
  /// Decodes binary protobuf; unknown fields are skipped, malformed input throws.
  init(protobuf bytes: UnsafeRawBufferPointer) throws(ProtobufDecodingError)
  /// Decodes fields into this value: later scalars win, sub-messages merge, as in protobuf.
  mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError)
  /// Appends the binary encoding (fields with default values are omitted).
  func encodeProtobuf(into writer: inout ProtobufWriter)
}
