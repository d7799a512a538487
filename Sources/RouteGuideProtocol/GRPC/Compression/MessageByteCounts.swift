/// How many messages went one way on a call, and their bytes before and after framing (and
/// compression): what `-v` reports at the end of a stream.
public struct MessageByteCounts: Equatable, Sendable {
  public var messages = 0
  /// The bytes on the wire: 5-byte prefixes and payloads as sent (compressed or not).
  public var wireBytes = 0
  /// What compression saved: the messages' own bytes minus their payloads on the wire. Kept
  /// apart so that counting an uncompressed message costs two additions, not three.
  public var compressionSavings = 0

  public init(messages: Int = 0, wireBytes: Int = 0, compressionSavings: Int = 0) {
    self.messages = messages
    self.wireBytes = wireBytes
    self.compressionSavings = compressionSavings
  }

  /// The messages' own bytes (protobuf, decompressed).
  public var messageBytes: Int {
    wireBytes - GRPCFraming.prefixLength * messages + compressionSavings
  }
}
