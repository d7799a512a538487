/// Reads protobuf wire-format fields from a byte buffer, throwing on truncated or malformed input.
///
/// Offsets in errors are absolute: a reader for a sub-message carries the offset of its first
/// byte within the outermost buffer.
public struct ProtobufReader {
  /// One field's key: its number and how its value is laid out.
  public struct Tag: Sendable {
    public var field: Int
    public var wireType: ProtobufWireType
    /// Where the tag starts in the outermost buffer, for error messages.
    public var offset: Int

    @inlinable
    public init(field: Int, wireType: ProtobufWireType, offset: Int) {
      self.field = field
      self.wireType = wireType
      self.offset = offset
    }
  }

  @usableFromInline let buffer: UnsafeRawBufferPointer
  @usableFromInline let baseOffset: Int
  @usableFromInline var index: Int = 0

  @inlinable
  public init(_ buffer: UnsafeRawBufferPointer, baseOffset: Int = 0) {
    self.buffer = buffer
    self.baseOffset = baseOffset
  }

  /// The absolute offset of the next byte to read.
  @inlinable
  public var offset: Int { baseOffset + index }

  @inlinable
  public var isAtEnd: Bool { index >= buffer.count }

  @inlinable
  func error(at position: Int, _ message: String) -> ProtobufDecodingError {
    ProtobufDecodingError(offset: baseOffset + position, message)
  }

  /// The next field's tag, or nil at the end of the buffer.
  @inlinable
  public mutating func nextTag() throws(ProtobufDecodingError) -> Tag? {
    guard index < buffer.count else { return nil }
    let start = index
    let key = try readVarint()
    guard key <= UInt64(UInt32.max) else { throw error(at: start, "tag does not fit 32 bits") }
    let field = Int(truncatingIfNeeded: key &>> 3)
    guard field != 0 else { throw error(at: start, "field number 0") }
    guard let wireType = ProtobufWireType(rawValue: UInt8(truncatingIfNeeded: key & 7)) else {
      throw error(at: start, "invalid wire type \(key & 7) for field \(field)")
    }
    return Tag(field: field, wireType: wireType, offset: baseOffset + start)
  }

  /// A base-128 varint of at most ten bytes; bits beyond 64 are dropped as protobuf does.
  @inlinable
  public mutating func readVarint() throws(ProtobufDecodingError) -> UInt64 {
    let start = index
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while index < buffer.count {
      let byte = buffer[index]
      index += 1
      result |= UInt64(byte & 0x7F) &<< shift
      if byte < 0x80 { return result }
      shift += 7
      if shift >= 70 { throw error(at: start, "varint longer than 10 bytes") }
    }
    throw error(at: start, "truncated varint")
  }

  /// An int32 field's value: the varint's low 32 bits, as protobuf reads them.
  @inlinable
  public mutating func readInt32(_ tag: Tag) throws(ProtobufDecodingError) -> Int32 {
    try expect(tag, .varint)
    return Int32(truncatingIfNeeded: try readVarint())
  }

  /// A string field's value; invalid UTF-8 is an error, as in Python's protobuf runtime.
  @inlinable
  public mutating func readString(_ tag: Tag) throws(ProtobufDecodingError) -> String {
    try expect(tag, .lengthDelimited)
    let start = index
    let bytes = try readLengthDelimited()
    guard let string = Self.string(validatingUTF8: bytes) else {
      throw error(at: start, "invalid UTF-8 in string field \(tag.field)")
    }
    return string
  }

  /// `String(validating:as:)` with a fast path for ASCII, which needs no validation: the
  /// standard library's validating initializer is not specialized and looks up generic metadata
  /// on every call, a tenth of `rg list`'s time when every Feature name went through it.
  @inlinable
  static func string(validatingUTF8 bytes: UnsafeRawBufferPointer) -> String? {
    if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
    return String(validating: bytes, as: UTF8.self)
  }

  /// A reader over an embedded message's bytes (merge it into the field's current value).
  @inlinable
  public mutating func readMessage(_ tag: Tag) throws(ProtobufDecodingError) -> ProtobufReader {
    try expect(tag, .lengthDelimited)
    let bytes = try readLengthDelimited()
    return ProtobufReader(bytes, baseOffset: offset - bytes.count)
  }

  /// The bytes of a length-delimited value (length varint, then that many bytes).
  @inlinable
  public mutating func readLengthDelimited() throws(ProtobufDecodingError)
    -> UnsafeRawBufferPointer
  {
    let start = index
    let length = try readVarint()
    guard length <= UInt64(buffer.count - index) else {
      throw error(at: start, "length \(length) runs past the end of the input")
    }
    let end = index + Int(length)
    defer { index = end }
    return UnsafeRawBufferPointer(rebasing: buffer[index..<end])
  }

  /// Skips the value of a field this message does not know.
  @inlinable
  public mutating func skip(_ tag: Tag) throws(ProtobufDecodingError) {
    switch tag.wireType {
    case .varint: _ = try readVarint()
    case .fixed64: try skipFixed(8)
    case .lengthDelimited: _ = try readLengthDelimited()
    case .fixed32: try skipFixed(4)
    case .startGroup, .endGroup:
      throw ProtobufDecodingError(
        offset: tag.offset, "groups are not supported (field \(tag.field))")
    }
  }

  @inlinable
  mutating func skipFixed(_ count: Int) throws(ProtobufDecodingError) {
    guard buffer.count - index >= count else {
      throw error(at: index, "truncated \(count * 8)-bit value")
    }
    index += count
  }

  @inlinable
  func expect(_ tag: Tag, _ wireType: ProtobufWireType) throws(ProtobufDecodingError) {
    guard tag.wireType == wireType else {
      throw ProtobufDecodingError(
        offset: tag.offset,
        "field \(tag.field) has wire type \(tag.wireType.rawValue), expected \(wireType.rawValue)")
    }
  }
}
