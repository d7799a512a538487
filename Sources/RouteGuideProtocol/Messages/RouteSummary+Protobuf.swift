extension RouteSummary: ProtobufMessage {
  /// The message with every field unset or zero.
  @inlinable
  public init() { self.init(pointCount: 0, featureCount: 0, distance: 0, elapsedTime: 0) }

  /// Decodes fields into this value: later fields win, as protobuf merges.
  @inlinable
  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: pointCount = try reader.readInt32(tag)
      case 2: featureCount = try reader.readInt32(tag)
      case 3: distance = try reader.readInt32(tag)
      case 4: elapsedTime = try reader.readInt32(tag)
      default: try reader.skip(tag)
      }
    }
  }

  @inlinable
  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    writer.writeInt32Field(1, pointCount)
    writer.writeInt32Field(2, featureCount)
    writer.writeInt32Field(3, distance)
    writer.writeInt32Field(4, elapsedTime)
  }
}
