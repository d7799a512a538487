extension ProtobufReader {
  /// A bytes field's value, copied out of the buffer.
  public mutating func readBytes(_ tag: Tag) throws(ProtobufDecodingError) -> [UInt8] {
    try expect(tag, .lengthDelimited)
    return Array(try readLengthDelimited())
  }

  /// A bool field's value: any non-zero varint is true, as protobuf reads it.
  public mutating func readBool(_ tag: Tag) throws(ProtobufDecodingError) -> Bool {
    try expect(tag, .varint)
    return try readVarint() != 0
  }

  /// The values of a repeated int32 field at this tag, packed (proto3's default) or one per
  /// tag: parsers must take both.
  public mutating func readInt32Values(_ tag: Tag) throws(ProtobufDecodingError) -> [Int32] {
    guard tag.wireType == .lengthDelimited else { return [try readInt32(tag)] }
    var packed = try readMessage(tag)
    var values: [Int32] = []
    while !packed.isAtEnd {
      values.append(Int32(truncatingIfNeeded: try packed.readVarint()))
    }
    return values
  }
}
