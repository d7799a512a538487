extension ProtobufWriter {
  /// A length-delimited field written even when empty: a oneof member or a repeated element,
  /// whose presence is the point.
  public mutating func writeLengthDelimited(_ field: Int, _ value: some Collection<UInt8>) {
    writeTag(field: field, wireType: .lengthDelimited)
    writeVarint(UInt64(value.count))
    bytes.append(contentsOf: value)
  }

  /// A bytes field; empty is omitted (proto3).
  public mutating func writeBytesField(_ field: Int, _ value: [UInt8]) {
    guard !value.isEmpty else { return }
    writeLengthDelimited(field, value)
  }

  /// A bool field; false is omitted (proto3).
  public mutating func writeBoolField(_ field: Int, _ value: Bool) {
    guard value else { return }
    writeTag(field: field, wireType: .varint)
    writeVarint(1)
  }

  /// A repeated int32 field, packed as proto3 writes it; none is omitted.
  public mutating func writePackedInt32Field(_ field: Int, _ values: [Int32]) {
    guard !values.isEmpty else { return }
    var packed = ProtobufWriter()
    for value in values { packed.writeVarint(UInt64(bitPattern: Int64(value))) }
    writeLengthDelimited(field, packed.bytes)
  }
}
