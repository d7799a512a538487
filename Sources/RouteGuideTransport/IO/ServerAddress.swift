/// Where a server is: a TCP host and port, or a unix socket path.
public enum ServerAddress: Hashable, Sendable, CustomStringConvertible {
  /// `host` is a name, an IPv4 literal or an IPv6 literal without brackets.
  case tcp(host: String, port: UInt16)
  case unix(path: String)

  public var description: String {
    switch self {
    case .tcp(let host, let port):
      host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    case .unix(let path): "unix:\(path)"
    }
  }
}
