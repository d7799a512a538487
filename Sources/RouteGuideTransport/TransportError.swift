/// A failure below gRPC: resolving, connecting, TLS, or the HTTP/2 connection itself.
public struct TransportError: Error, Sendable, CustomStringConvertible {
  /// The class of failure, which decides the gRPC status a call sees.
  public enum Kind: Sendable {
    /// Could not resolve or reach the peer, or the connection was lost: UNAVAILABLE.
    case unavailable
    /// The connect timeout passed: UNAVAILABLE with a timeout message.
    case timeout
    /// TLS failed: handshake, verification, ALPN. rg exits 1.
    case tls
    /// Local I/O or setup failure (socket, poll, file). rg exits 1.
    case io
    /// The peer broke HTTP/2. The call sees INTERNAL.
    case protocolError
  }

  public var kind: Kind
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { message }
}
