/// The gRPC message framing: a compressed flag, a 4-byte big-endian length, the payload.
public enum GRPCFraming {
  /// The length of the prefix in front of every message.
  public static let prefixLength = 5

  /// Appends an uncompressed frame holding `payload`.
  @inlinable
  public static func appendFrame(payload: UnsafeRawBufferPointer, to buffer: inout [UInt8]) {
    let start = buffer.count
    appendPrefixSlot(to: &buffer)
    buffer.append(contentsOf: payload)
    storeLength(payload.count, inPrefixAt: start, of: &buffer)
  }

  /// Appends an uncompressed frame holding `payload`.
  @inlinable
  public static func appendFrame(payload: [UInt8], to buffer: inout [UInt8]) {
    payload.withUnsafeBytes { appendFrame(payload: $0, to: &buffer) }
  }

  /// Appends a frame holding `message`, encoded straight into `buffer` behind its prefix.
  @inlinable
  public static func appendFrame(of message: some ProtobufMessage, to buffer: inout [UInt8]) {
    let start = buffer.count
    appendPrefixSlot(to: &buffer)
    // Swapping hands the buffer's storage to the writer without copying it.
    var writer = ProtobufWriter()
    swap(&writer.bytes, &buffer)
    message.encodeProtobuf(into: &writer)
    swap(&writer.bytes, &buffer)
    storeLength(buffer.count - start - prefixLength, inPrefixAt: start, of: &buffer)
  }

  @inlinable
  static func appendPrefixSlot(to buffer: inout [UInt8]) {
    for _ in 0..<prefixLength { buffer.append(0) }
  }

  @inlinable
  static func storeLength(_ length: Int, inPrefixAt start: Int, of buffer: inout [UInt8]) {
    precondition(length <= Int(UInt32.max), "a gRPC message is limited to 4 GiB")
    let value = UInt32(truncatingIfNeeded: length)
    buffer[start] = 0
    buffer[start + 1] = UInt8(truncatingIfNeeded: value &>> 24)
    buffer[start + 2] = UInt8(truncatingIfNeeded: value &>> 16)
    buffer[start + 3] = UInt8(truncatingIfNeeded: value &>> 8)
    buffer[start + 4] = UInt8(truncatingIfNeeded: value)
  }
}
