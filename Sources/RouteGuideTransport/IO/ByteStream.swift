/// What a non-blocking read or write did.
public enum IOResult: Equatable, Sendable {
  /// This many bytes moved (always > 0).
  case bytes(Int)
  /// Nothing can move now; poll and try again.
  case wouldBlock
  /// The peer closed its side (reads only).
  case eof
}

/// A connected, non-blocking byte stream: a plain socket or TLS over one.
///
/// Callers poll `fd` for `.readable` always and `.writable` while they have output, and after
/// any event try both `read` and `write`: TLS may need to read to write and the reverse.
public protocol ByteStream: AnyObject {
  var fd: Int32 { get }
  /// The peer as the user named it (with the address it resolved to) or as accepted, for
  /// messages: "127.0.0.1:50051", "localhost:50051 (127.0.0.1:50051)", "unix:/run/rg.sock".
  var peerDescription: String { get }
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> IOResult
  func write(_ bytes: UnsafeRawBufferPointer) throws(TransportError) -> IOResult
  /// Closes the descriptor (after a best-effort TLS close_notify). Idempotent.
  func close()
}
