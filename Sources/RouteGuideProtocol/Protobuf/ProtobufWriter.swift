/// Appends protobuf wire-format fields to a byte buffer.
public struct ProtobufWriter: Sendable {
  public var bytes: [UInt8]

  public init(bytes: [UInt8] = []) {
    self.bytes = bytes
  }

  /// Appends `value` as a base-128 varint (1 to 10 bytes).
  @inlinable
  public mutating func writeVarint(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest &>>= 7
    }
    bytes.append(UInt8(truncatingIfNeeded: rest))
  }

  @inlinable
  public mutating func writeTag(field: Int, wireType: ProtobufWireType) {
    writeVarint(UInt64(truncatingIfNeeded: field) &<< 3 | UInt64(wireType.rawValue))
  }

  /// An int32 field; zero is omitted (proto3), negatives take ten bytes as protobuf requires.
  @inlinable
  public mutating func writeInt32Field(_ field: Int, _ value: Int32) {
    guard value != 0 else { return }
    writeTag(field: field, wireType: .varint)
    writeVarint(UInt64(bitPattern: Int64(value)))
  }

  /// A string field as UTF-8; the empty string is omitted (proto3).
  @inlinable
  public mutating func writeStringField(_ field: Int, _ value: String) {
    let utf8 = value.utf8
    guard !utf8.isEmpty else { return }
    writeTag(field: field, wireType: .lengthDelimited)
    writeVarint(UInt64(utf8.count))
    bytes.append(contentsOf: utf8)
  }

  /// A length-delimited sub-message, always written (presence is the point of a set field).
  ///
  /// The message is encoded in place after a one-byte length slot; only a message of 128 bytes
  /// or more moves its bytes to make room for a longer length.
  @inlinable
  public mutating func writeMessageField(_ field: Int, _ message: some ProtobufMessage) {
    writeTag(field: field, wireType: .lengthDelimited)
    let lengthIndex = bytes.count
    bytes.append(0)
    message.encodeProtobuf(into: &self)
    let length = bytes.count - lengthIndex - 1
    if length < 0x80 {
      bytes[lengthIndex] = UInt8(truncatingIfNeeded: length)
    } else {
      replaceLengthSlot(at: lengthIndex, with: length)
    }
  }

  @usableFromInline
  mutating func replaceLengthSlot(at index: Int, with length: Int) {
    var varint = ProtobufWriter()
    varint.writeVarint(UInt64(length))
    bytes.replaceSubrange(index..<index + 1, with: varint.bytes)
  }
}
