import RouteGuideProtocol

/// gRPC's `gzip` and `deflate` encodings on zlib: RFC 1952 and RFC 1950 framing around the
/// same deflate data, as grpc-core writes and reads them.
public final class ZlibCodec: MessageCodec {
  /// Which wrapper around the deflate data.
  public enum Format: Sendable {
    /// RFC 1952: a 10-byte header and an 8-byte trailer (CRC-32, length).
    case gzip
    /// RFC 1950 (gRPC calls it `deflate`): a 2-byte header and a 4-byte Adler-32 trailer.
    case zlib
  }

  /// Bytes of output each chunk of zlib work fills before they are appended.
  static let chunkSize = 32 << 10
  /// Messages up to this size are compressed by a stream with a small hash table: resetting
  /// zlib's default one (64 KiB) for every message was two thirds of the instructions it took
  /// to compress a Feature, and a small message has no use for more buckets than bytes.
  static let smallMessageSize = 8 << 10

  public let name: String
  public let fixedOverhead: Int
  private let windowBits: Int32
  private var deflater: ZlibStream?
  private var smallDeflater: ZlibStream?
  private var inflater: ZlibStream?
  private var chunk: UnsafeMutableRawBufferPointer?

  public init(_ format: Format) {
    switch format {
    case .gzip: (name, fixedOverhead, windowBits) = ("gzip", 18, 15 + 16)
    case .zlib: (name, fixedOverhead, windowBits) = ("deflate", 6, 15)
    }
  }

  deinit {
    chunk?.deallocate()
  }

  public func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8], limit: Int)
    throws(MessageCodecError)
  {
    if input.count <= Self.smallMessageSize {
      // 2^9 buckets: 1 KiB to clear.
      if smallDeflater == nil {
        smallDeflater = try ZlibStream(.deflate, windowBits: windowBits, memoryLevel: 2)
      }
      try smallDeflater?.run(input, into: &output, limit: limit, chunk: workChunk())
    } else {
      if deflater == nil { deflater = try ZlibStream(.deflate, windowBits: windowBits) }
      try deflater?.run(input, into: &output, limit: limit, chunk: workChunk())
    }
  }

  public func decompress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8], limit: Int)
    throws(MessageCodecError)
  {
    if inflater == nil { inflater = try ZlibStream(.inflate, windowBits: windowBits) }
    try inflater?.run(input, into: &output, limit: limit, chunk: workChunk())
  }

  private func workChunk() -> UnsafeMutableRawBufferPointer {
    if let chunk { return chunk }
    let made = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
    chunk = made
    return made
  }
}
