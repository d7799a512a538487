import RouteGuideProtocol

/// An HTTP proxy that rg reaches the server through, with an HTTP CONNECT tunnel; TLS to the
/// server, when used, runs inside the tunnel and is verified against the server's name.
public struct HTTPProxy: Hashable, Sendable, CustomStringConvertible {
  /// A name, an IPv4 literal or an IPv6 literal without brackets.
  public var host: String
  public var port: UInt16
  /// Sent as `Proxy-Authorization: Basic` when set (already percent-decoded).
  public var user: String?
  public var password: String?

  public init(host: String, port: UInt16, user: String? = nil, password: String? = nil) {
    self.host = host
    self.port = port
    self.user = user
    self.password = password
  }

  /// `http://host:port`, as messages name the proxy: never the password, nor the user.
  public var description: String { "http://\(address)" }

  var address: ServerAddress { .tcp(host: host, port: port) }

  /// The request that opens the tunnel to `target` (RFC 9110 §9.3.6): the authority form,
  /// Host, and Basic credentials when the proxy URL had them.
  func connectRequest(to target: ServerAddress) -> [UInt8] {
    var text = "CONNECT \(target) HTTP/1.1\r\nHost: \(target)\r\n"
    if let user {
      let credentials = Base64.encode(Array("\(user):\(password ?? "")".utf8))
      text += "Proxy-Authorization: Basic \(credentials)\r\n"
    }
    text += "\r\n"
    return Array(text.utf8)
  }
}
