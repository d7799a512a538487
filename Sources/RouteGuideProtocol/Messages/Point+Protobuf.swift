extension Point: ProtobufMessage {
  /// The message with every field unset or zero.
  @inlinable
  public init() { self.init(latitude: 0, longitude: 0) }

  /// Decodes fields into this value: later fields win, as protobuf merges.
  @inlinable
  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: latitude = try reader.readInt32(tag)
      case 2: longitude = try reader.readInt32(tag)
      default: try reader.skip(tag)
      }
    }
  }

  @inlinable
  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    writer.writeInt32Field(1, latitude)
    writer.writeInt32Field(2, longitude)
  }
}

extension Optional<Point> {
  /// Merges an embedded Point field, as protobuf does when the field appears more than once.
  @inlinable
  mutating func mergeProtobuf(from reader: inout ProtobufReader, _ tag: ProtobufReader.Tag)
    throws(ProtobufDecodingError)
  {
    var nested = try reader.readMessage(tag)
    var point = self ?? Point()
    try point.merge(from: &nested)
    self = point
  }
}
