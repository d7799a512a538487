import ArgumentParsing
import RouteGuideProtocol
import RouteGuideTransport

/// Reads and checks the client options from parsed values.
extension ClientOptions {
  init(values: ParsedValues, method: RouteGuideMethod) throws(ValidationError) {
    let parsed = try values.value("address", AddressParser.parse)
    let target = parsed ?? AddressParser.Parsed(address: .tcp(host: "localhost", port: 50051))
    let plaintextReason = try Self.plaintextReason(values, scheme: target.scheme)
    try Self.checkTLSArguments(values, plaintextReason: plaintextReason)
    self.init(address: target.address, tls: nil)
    if plaintextReason == nil {
      tls = TLSClientConfiguration(
        caFile: try values.value("cacert", Self.fileName),
        certificateFile: try values.value("cert", Self.fileName),
        keyFile: try values.value("key", Self.fileName), insecure: values.flag("insecure"),
        serverName: try values.value("servername", Self.name))
    }
    authority = try values.value("authority", Self.name)
    headers = try values.values("header", bytes: Metadata.parseHeaderArgument)
    timeoutNanoseconds = try values.value("timeout", DurationParser.parse)
    connectTimeoutNanoseconds =
      try values.value("connect-timeout", DurationParser.parse) ?? connectTimeoutNanoseconds
    keepalive = KeepalivePolicy(
      interval: try values.value("keepalive", DurationParser.parse),
      timeout: try values.value("keepalive-timeout", DurationParser.parse) ?? keepalive.timeout)
    maxMessageSize = try values.value("max-msg-size", ByteSizeParser.parse) ?? maxMessageSize
    mapping = JSONMappingOptions(
      emitDefaults: values.flag("emit-defaults"), protoNames: values.flag("proto-names"),
      allowUnknownFields: values.flag("allow-unknown-fields"))
    verbose = values.flag("verbose")
    input = try values.value("data", bytes: InputSource.parse) ?? .stdin
    if method == .getFeature {
      concurrency = try values.value("concurrency", Self.concurrencyLimit) ?? concurrency
      dryRun = values.flag("dry-run")
    }
  }

  /// What turned TLS off, for messages (`--plaintext`, `the http:// address`); nil with TLS.
  private static func plaintextReason(
    _ values: ParsedValues, scheme: AddressParser.Scheme?
  ) throws(ValidationError) -> String? {
    let flag = values.flag("plaintext")
    switch scheme {
    case .https where flag:
      throw ValidationError("--plaintext conflicts with the https:// address")
    case .http: return "the http:// address"
    case .https, nil: return flag ? "--plaintext" : nil
    }
  }

  private static func checkTLSArguments(
    _ values: ParsedValues, plaintextReason: String?
  ) throws(ValidationError) {
    if let plaintextReason {
      for key in ["insecure", "cacert", "cert", "key", "servername"] where values.isPresent(key) {
        throw ValidationError("--\(key) needs TLS, but \(plaintextReason) turns it off")
      }
    }
    if values.isPresent("cert"), !values.isPresent("key") {
      throw ValidationError("--cert needs --key (the private key of the client certificate)")
    }
    if values.isPresent("key"), !values.isPresent("cert") {
      throw ValidationError("--key needs --cert (the client certificate)")
    }
  }

  static func fileName(_ text: String) throws(OptionValueError) -> String {
    guard !text.isEmpty else { throw OptionValueError("a file name cannot be empty") }
    return text
  }

  /// A host name for :authority or SNI: not empty, no spaces or control characters.
  static func name(_ text: String) throws(OptionValueError) -> String {
    guard !text.isEmpty else { throw OptionValueError("a name cannot be empty") }
    guard text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else {
      throw OptionValueError("a name cannot contain spaces or control characters")
    }
    return text
  }

  static func concurrencyLimit(_ text: String) throws(OptionValueError) -> Int {
    guard let value = Int(text) else { throw OptionValueError("not a whole number") }
    guard value >= 1 else { throw OptionValueError("must be at least 1") }
    return value
  }
}
