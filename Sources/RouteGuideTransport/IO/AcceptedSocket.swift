import Glibc

/// A connection just accepted, as plain values, so it can be handed to another loop's thread
/// before anything owns it.
public struct AcceptedSocket: Sendable {
  public let fd: Int32
  /// The peer's address, or for unix sockets the listener's.
  public let peerDescription: String

  /// Closes a connection that will not be served after all.
  public func close() {
    _ = Glibc.close(fd)
  }

  /// The stream that owns (and will close) the descriptor; make it once, on the loop that
  /// serves the connection.
  public func stream() -> SocketStream {
    SocketStream(fd: fd, peerDescription: peerDescription)
  }
}
