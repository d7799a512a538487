/// One compression algorithm of gRPC messages (a `grpc-encoding`), as framing sees it.
///
/// The framing code knows codecs only through this protocol, so another algorithm joins by
/// conforming to it and being listed (a `CompressionAlgorithm`), without touching framing.
/// A codec may keep state between calls (a zlib stream it resets), so it belongs to one thread.
public protocol MessageCodec: AnyObject {
  /// The `grpc-encoding` name, e.g. `gzip`.
  var name: String { get }
  /// The bytes every compressed message carries whatever its content (header and trailer):
  /// an input of at most this many bytes can never come out smaller, so framing does not try.
  var fixedOverhead: Int { get }
  /// Appends `input` compressed to `output`; fails with `.tooLarge` as soon as the compressed
  /// form would take more than `limit` bytes (then `output` holds an unspecified prefix).
  func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8], limit: Int)
    throws(MessageCodecError)
  /// Appends `input` decompressed to `output`; fails with `.tooLarge` as soon as more than
  /// `limit` bytes come out, having produced at most `limit + 1` of them, so a small message
  /// that would inflate to gigabytes costs no more than the limit.
  func decompress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8], limit: Int)
    throws(MessageCodecError)
}
