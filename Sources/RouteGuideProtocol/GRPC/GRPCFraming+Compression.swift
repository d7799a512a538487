// Compressed frames: the message is framed as usual, then its payload is replaced by the
// compressed form when that is smaller (flag 1); otherwise it stays as it is (flag 0), as
// grpc-core does, so one stream may mix both.

extension GRPCFraming {
  /// Appends a frame holding `message`, compressed with `codec` when that makes it smaller;
  /// returns the message's own size (before compression).
  @discardableResult
  public static func appendFrame(
    of message: some ProtobufMessage, compressingWith codec: any MessageCodec,
    to buffer: inout [UInt8]
  ) -> Int {
    let start = buffer.count
    appendFrame(of: message, to: &buffer)
    return compressFrame(at: start, in: &buffer, with: codec)
  }

  /// Appends a frame holding `payload`, compressed with `codec` when that makes it smaller.
  public static func appendFrame(
    payload: UnsafeRawBufferPointer, compressingWith codec: any MessageCodec,
    to buffer: inout [UInt8]
  ) {
    let start = buffer.count
    appendFrame(payload: payload, to: &buffer)
    compressFrame(at: start, in: &buffer, with: codec)
  }

  /// Compresses the payload of the uncompressed frame at `start`, the last in `buffer`, if
  /// that makes it smaller; returns the payload's size before compression.
  @discardableResult
  static func compressFrame(at start: Int, in buffer: inout [UInt8], with codec: any MessageCodec)
    -> Int
  {
    let payload = start + prefixLength..<buffer.count
    guard payload.count > codec.fixedOverhead else { return payload.count }
    var compressed: [UInt8] = []
    let smaller = buffer.withUnsafeBytes { bytes -> Bool in
      do throws(MessageCodecError) {
        try codec.compress(
          UnsafeRawBufferPointer(rebasing: bytes[payload]), into: &compressed,
          limit: payload.count - 1)
        return true
      } catch {
        // Not smaller, or the library failed: uncompressed is always allowed.
        return false
      }
    }
    guard smaller else { return payload.count }
    buffer.replaceSubrange(payload, with: compressed)
    storeLength(compressed.count, inPrefixAt: start, of: &buffer)
    buffer[start] = 1
    return payload.count
  }
}
