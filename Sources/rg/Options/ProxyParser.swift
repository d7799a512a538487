import RouteGuideTransport

/// Reads a proxy URL as curl and gRPC runtimes take it: `http://[user:password@]host[:port]`,
/// or `host:port` alone; the port is 80 when left out, user and password are percent-decoded.
enum ProxyParser {
  static func parse(_ text: String) throws(OptionValueError) -> HTTPProxy {
    guard !text.isEmpty else { throw OptionValueError("a proxy URL cannot be empty") }
    var rest = Substring(text)
    if let separator = text.range(ofText: "://") {
      let scheme = text[..<separator.lowerBound].lowercased()
      guard scheme == "http" else {
        throw OptionValueError(
          "unsupported proxy scheme '\(scheme)://' (rg speaks to proxies over http://)")
      }
      rest = text[separator.upperBound...]
    }
    var user: String?
    var password: String?
    if let at = rest.lastIndex(of: "@") {
      let info = rest[..<at]
      rest = rest[rest.index(after: at)...]
      let colon = info.firstIndex(of: ":")
      user = try percentDecoded(info[..<(colon ?? info.endIndex)])
      if let colon { password = try percentDecoded(info[info.index(after: colon)...]) }
    }
    let parsed = try AddressParser.parse("http://" + rest)
    guard case .tcp(let host, let port) = parsed.address else {
      throw OptionValueError("a proxy needs a host")
    }
    return HTTPProxy(host: host, port: port, user: user, password: password)
  }

  /// `%40` is `@`: how a URL carries characters that would end the user or password.
  static func percentDecoded(_ text: Substring) throws(OptionValueError) -> String {
    var bytes: [UInt8] = []
    var iterator = Array(text.utf8).makeIterator()
    while let byte = iterator.next() {
      guard byte == UInt8(ascii: "%") else {
        bytes.append(byte)
        continue
      }
      guard let high = iterator.next().flatMap(hexValue),
        let low = iterator.next().flatMap(hexValue)
      else { throw OptionValueError("'%' must be followed by two hex digits") }
      bytes.append(high << 4 | low)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// `text` with any `user:password@` shown as `***@`: messages name the proxy, never its
  /// credentials (they end up in CI logs).
  static func redacted(_ text: String) -> String {
    guard let at = text.lastIndex(of: "@") else { return text }
    let start = text.range(ofText: "://")?.upperBound ?? text.startIndex
    guard start <= at else { return text }
    return String(text[..<start]) + "***" + String(text[at...])
  }
}
