import Glibc
import RouteGuideTransport

/// Which HTTP proxy the environment names for a connection, by the rules gRPC runtimes and
/// curl follow: `grpc_proxy`, else `https_proxy`/`HTTPS_PROXY` for TLS or
/// `http_proxy`/`HTTP_PROXY` for plaintext, unless `no_proxy`/`NO_PROXY` names the host.
/// A proxy from the environment is never used for loopback (localhost, 127.0.0.0/8, ::1) or
/// a unix socket, as in Go and grpc-go: a local server is local. (`--no-proxy` and `--proxy`
/// come first, ClientOptions+Values.swift; `--proxy` is used for loopback too.)
enum ProxyChoice {
  /// The proxy variables as the environment set them (nil: unset or empty).
  struct Environment: Hashable, Sendable {
    var grpcProxy: String?
    var httpsProxy: String?
    var httpProxy: String?
    var noProxy: String?
  }

  /// The proxy URL and the variable it came from, for messages: `$https_proxy`.
  struct Source: Hashable, Sendable {
    var text: String
    var name: String
  }

  /// The proxy URL that applies, and what named it; nil connects directly.
  static func select(for address: ServerAddress, tls: Bool, environment: Environment) -> Source? {
    guard case .tcp(let host, let port) = address else { return nil }
    let variable: Source? =
      environment.grpcProxy.map { Source(text: $0, name: "$grpc_proxy") }
      ?? (tls
        ? environment.httpsProxy.map { Source(text: $0, name: "$https_proxy") }
        : environment.httpProxy.map { Source(text: $0, name: "$http_proxy") })
    guard let variable, !isLoopback(host) else { return nil }
    if let noProxy = environment.noProxy, bypasses(host: host, port: port, noProxy: noProxy) {
      return nil
    }
    return variable
  }

  /// Whether `no_proxy` names the host: `*`, a host name or domain suffix (`example.com` and
  /// `.example.com` both cover `api.example.com`), an IP address, a CIDR block, each
  /// optionally with `:port`; entries are separated by commas.
  static func bypasses(host: String, port: UInt16, noProxy: String) -> Bool {
    let name = host.lowercased().trimmingSuffix(".")
    for raw in noProxy.split(separator: ",") {
      var entry = raw.trimmingCharacters(" \t").lowercased()
      if entry == "*" { return true }
      if let (bare, entryPort) = splitPort(entry) {
        guard entryPort == port else { continue }
        entry = bare
      }
      if entry.hasPrefix("[") && entry.hasSuffix("]") {
        entry = String(entry.dropFirst().dropLast())
      }
      if entry.contains("/") {
        if IPAddressBytes.contains(cidr: entry, address: host) { return true }
        continue
      }
      if let wanted = IPAddressBytes.parse(entry) {
        if IPAddressBytes.parse(host) == wanted { return true }
        continue
      }
      while entry.hasPrefix("*.") || entry.hasPrefix(".") { entry.removeFirst() }
      entry = entry.trimmingSuffix(".")
      if !entry.isEmpty && (name == entry || name.hasSuffix("." + entry)) { return true }
    }
    return false
  }

  /// `host:port` or `[v6]:port`; nil when the entry names no port (a bare IPv6 address has
  /// colons of its own).
  private static func splitPort(_ entry: String) -> (String, UInt16)? {
    guard let colon = entry.lastIndex(of: ":") else { return nil }
    let head = entry[..<colon]
    guard head.hasSuffix("]") || !head.contains(":"),
      let port = UInt16(entry[entry.index(after: colon)...])
    else { return nil }
    return (String(head), port)
  }

  /// localhost and its subdomains (RFC 6761), 127.0.0.0/8, ::1 and 127.x mapped into IPv6.
  static func isLoopback(_ host: String) -> Bool {
    let name = host.lowercased().trimmingSuffix(".")
    if name == "localhost" || name.hasSuffix(".localhost") { return true }
    return ["127.0.0.0/8", "::1/128", "::ffff:127.0.0.0/104"].contains {
      IPAddressBytes.contains(cidr: $0, address: host)
    }
  }
}

/// IPv4 and IPv6 literals as bytes, for comparing addresses and CIDR blocks.
enum IPAddressBytes {
  /// 4 or 16 bytes, or nil when `text` is not an IP literal.
  static func parse(_ text: String) -> [UInt8]? {
    var v4 = in_addr()
    if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
    var v6 = in6_addr()
    if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
    return nil
  }

  /// Whether `address` (an IP literal) lies in `cidr` (`10.0.0.0/8`, `fd00::/8`).
  static func contains(cidr: String, address: String) -> Bool {
    let parts = cidr.split(separator: "/", maxSplits: 1)
    guard parts.count == 2, let network = parse(String(parts[0])), let bits = Int(parts[1]),
      let candidate = parse(address), candidate.count == network.count,
      (0...network.count * 8).contains(bits)
    else { return false }
    for index in 0..<network.count {
      let remaining = bits - index * 8
      if remaining <= 0 { break }
      let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
      if network[index] & mask != candidate[index] & mask { return false }
    }
    return true
  }
}

extension StringProtocol {
  fileprivate func trimmingSuffix(_ suffix: String) -> String {
    hasSuffix(suffix) ? String(dropLast(suffix.count)) : String(self)
  }

  fileprivate func trimmingCharacters(_ characters: String) -> String {
    String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
  }
}
