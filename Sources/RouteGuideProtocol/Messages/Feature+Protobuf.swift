extension Feature: ProtobufMessage {
  /// The message with every field unset or zero.
  @inlinable
  public init() { self.init(name: "", location: nil) }

  /// Decodes fields into this value: the last name wins, locations merge, as in protobuf.
  @inlinable
  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: name = try reader.readString(tag)
      case 2: try location.mergeProtobuf(from: &reader, tag)
      default: try reader.skip(tag)
      }
    }
  }

  @inlinable
  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    writer.writeStringField(1, name)
    if let location { writer.writeMessageField(2, location) }
  }
}
