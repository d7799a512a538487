import RouteGuideTransport

/// Reads an ADDRESS: `host:port`, `[v6]:port`, `unix:/path`, `http://host:port` (plaintext),
/// `https://host[:port]` (port 443 when left out).
enum AddressParser {
  /// Whether the address itself said how to connect.
  enum Scheme: Hashable, Sendable {
    case http
    case https
  }

  /// A parsed ADDRESS: where to connect, and the scheme if one was written.
  struct Parsed: Hashable, Sendable {
    var address: ServerAddress
    var scheme: Scheme?
  }

  /// The default when neither ADDRESS nor `$RG_ADDRESS` is given.
  static let defaultAddress = "localhost:50051"

  static func parse(_ text: String) throws(OptionValueError) -> Parsed {
    guard !text.isEmpty else { throw OptionValueError("an address cannot be empty") }
    if text.hasPrefix("unix:") { return Parsed(address: try unixAddress(text), scheme: nil) }
    var rest = Substring(text)
    var scheme: Scheme?
    if let separator = text.range(ofText: "://") {
      let name = text[..<separator.lowerBound].lowercased()
      switch name {
      case "http": scheme = .http
      case "https": scheme = .https
      default:
        throw OptionValueError("unsupported scheme '\(name)://' (use http://, https:// or unix:)")
      }
      rest = text[separator.upperBound...]
      if rest.hasSuffix("/") { rest = rest.dropLast() }
      if rest.contains("/") { throw OptionValueError("an address cannot have a path") }
    }
    let defaultPort: UInt16? = scheme == .https ? 443 : (scheme == .http ? 80 : nil)
    let (host, port) = try hostAndPort(rest, defaultPort: defaultPort)
    return Parsed(address: .tcp(host: host, port: port), scheme: scheme)
  }

  private static func unixAddress(_ text: String) throws(OptionValueError) -> ServerAddress {
    var path = text.dropFirst("unix:".count)
    // `unix:///run/x.sock` is the URI form of `unix:/run/x.sock`.
    if path.hasPrefix("//") { path = path.dropFirst(2) }
    guard !path.isEmpty else { throw OptionValueError("'unix:' needs a socket path") }
    return .unix(path: String(path))
  }

  private static func hostAndPort(
    _ text: Substring, defaultPort: UInt16?
  ) throws(OptionValueError) -> (String, UInt16) {
    let host: Substring
    let portText: Substring?
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]") else {
        throw OptionValueError("missing ']' after the IPv6 address")
      }
      host = text[text.index(after: text.startIndex)..<close]
      let after = text[text.index(after: close)...]
      guard after.isEmpty || after.hasPrefix(":") else {
        throw OptionValueError("expected ':' and a port after ']'")
      }
      portText = after.isEmpty ? nil : after.dropFirst()
      try checkIPv6(host)
    } else {
      let colons = text.count { $0 == ":" }
      if colons > 1 {
        throw OptionValueError("an IPv6 address needs brackets, like [::1]:50051")
      }
      let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
      host = parts[0]
      portText = parts.count == 2 ? parts[1] : nil
      try checkHostName(host)
    }
    return (String(host), try port(portText, defaultPort: defaultPort))
  }

  private static func port(
    _ text: Substring?, defaultPort: UInt16?
  ) throws(OptionValueError) -> UInt16 {
    guard let text else {
      if let defaultPort { return defaultPort }
      throw OptionValueError("missing port (expected host:port)")
    }
    guard !text.isEmpty else { throw OptionValueError("missing port after ':'") }
    guard text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      throw OptionValueError("port '\(text)' is not a number")
    }
    guard let value = Int(text.prefix(6)), value >= 1, value <= 65535 else {
      throw OptionValueError("port \(text) is out of range (1-65535)")
    }
    return UInt16(value)
  }

  private static func checkHostName(_ host: Substring) throws(OptionValueError) {
    guard !host.isEmpty else { throw OptionValueError("missing host before ':'") }
    let allowed = host.allSatisfy {
      $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0))
    }
    guard allowed else { throw OptionValueError("'\(host)' is not a valid host name") }
  }

  private static func checkIPv6(_ host: Substring) throws(OptionValueError) {
    guard !host.isEmpty else { throw OptionValueError("empty IPv6 address in brackets") }
    // A zone (`fe80::1%eth0`) names an interface and may hold any letters.
    let address = host.prefix { $0 != "%" }
    let allowed = address.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    guard allowed, address.contains(":") else {
      throw OptionValueError("'\(host)' is not an IPv6 address")
    }
  }
}
