/// How a deframer reads messages with the compressed flag set: what the peer's
/// `grpc-encoding` named, resolved against what this side supports.
public enum MessageEncoding {
  /// No `grpc-encoding`, or `identity`: a compressed message is a protocol error.
  case identity
  /// An encoding this side decompresses.
  case compressed(any MessageCodec)
  /// An encoding this side does not know (`name`), and the ones it does (`supported`, as in
  /// `grpc-accept-encoding`), for the message that a compressed message gets.
  case unsupported(name: String, supported: String)
}
