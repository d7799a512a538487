extension Rectangle: ProtobufMessage {
  /// The message with every field unset or zero.
  @inlinable
  public init() { self.init(lo: nil, hi: nil) }

  /// Decodes fields into this value: repeated Point fields merge, as in protobuf.
  @inlinable
  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: try lo.mergeProtobuf(from: &reader, tag)
      case 2: try hi.mergeProtobuf(from: &reader, tag)
      default: try reader.skip(tag)
      }
    }
  }

  @inlinable
  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    if let lo { writer.writeMessageField(1, lo) }
    if let hi { writer.writeMessageField(2, hi) }
  }
}
