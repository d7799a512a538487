import ArgumentParsing

/// Reads and checks `rg serve`'s options from parsed values.
extension ServeOptions {
  init(values: ParsedValues) throws(ValidationError) {
    typealias Key = ServeArguments
    self.init()
    bind = try values.value(Key.bind) ?? bind
    port = try values.value(Key.port) ?? port
    db = try values.value(Key.database)
    tlsCertificate = try values.value(Key.tlsCertificate)
    tlsKey = try values.value(Key.tlsKey)
    maxConcurrentStreams = try values.value(Key.maxConcurrentStreams) ?? maxConcurrentStreams
    maxMessageSize = try values.value(Key.maxMessageSize) ?? maxMessageSize
    maxConnections = try values.value(Key.maxConnections)
    maxConnectionIdle = try values.value(Key.maxConnectionIdle) ?? maxConnectionIdle
    minPingInterval = try values.value(Key.minPingInterval) ?? minPingInterval
    compression = try values.value(Key.compress) ?? nil
    sharedChat = values.flag(Key.sharedChat)
    threads = try values.value(Key.threads)
    if tlsCertificate != nil, tlsKey == nil {
      throw ValidationError("--tls-cert needs --tls-key (the private key of the certificate)")
    }
    if tlsKey != nil, tlsCertificate == nil {
      throw ValidationError("--tls-key needs --tls-cert (the server certificate)")
    }
  }

  /// An IP literal or name; brackets around IPv6 (`[::1]`) are accepted and removed.
  /// `unix:/path` (a unix socket) is kept as it is.
  static func bindAddress(_ text: String) throws(OptionValueError) -> String {
    if text.hasPrefix("unix:") {
      guard text.count > "unix:".count else {
        throw OptionValueError("'unix:' needs a socket path")
      }
      return text
    }
    var host = Substring(text)
    if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
    guard !host.isEmpty else { throw OptionValueError("an address cannot be empty") }
    let characters = host.allSatisfy {
      $0.isASCII && ($0.isLetter || $0.isNumber || ":.-_%".contains($0))
    }
    // One colon is host:port; an IPv6 literal has at least two.
    guard characters, host.count(where: { $0 == ":" }) != 1 else {
      throw OptionValueError("expected an IP address or host name, without a port (use --port)")
    }
    return String(host)
  }

  static func portNumber(_ text: String) throws(OptionValueError) -> Int {
    guard let value = Int(text) else { throw OptionValueError("not a number") }
    guard (0...65535).contains(value) else {
      throw OptionValueError("out of range (0-65535; 0 picks a free port)")
    }
    return value
  }

  static func connectionLimit(_ text: String) throws(OptionValueError) -> Int {
    guard let value = Int(text) else { throw OptionValueError("not a whole number") }
    guard value >= 1 else { throw OptionValueError("must be at least 1") }
    return value
  }

  /// Threads beyond this many cost memory and wake-ups and serve no faster on any machine
  /// rg is meant for; a typo like 1000 should be an error, not a thousand threads.
  static let maxThreads = 256

  static func threadCount(_ text: String) throws(OptionValueError) -> Int {
    guard let value = Int(text) else { throw OptionValueError("not a whole number") }
    guard (1...maxThreads).contains(value) else {
      throw OptionValueError("must be between 1 and \(maxThreads)")
    }
    return value
  }

  static func streamLimit(_ text: String) throws(OptionValueError) -> Int {
    guard let value = Int(text) else { throw OptionValueError("not a whole number") }
    guard value >= 1, value <= Int(Int32.max) else {
      throw OptionValueError("must be between 1 and \(Int32.max)")
    }
    return value
  }
}
