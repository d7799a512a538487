extension RouteNote: ProtobufMessage {
  /// The message with every field unset or zero.
  @inlinable
  public init() { self.init(location: nil, message: "") }

  /// Decodes fields into this value: locations merge, the last message wins, as in protobuf.
  @inlinable
  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: try location.mergeProtobuf(from: &reader, tag)
      case 2: message = try reader.readString(tag)
      default: try reader.skip(tag)
      }
    }
  }

  @inlinable
  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    if let location { writer.writeMessageField(1, location) }
    writer.writeStringField(2, message)
  }
}
