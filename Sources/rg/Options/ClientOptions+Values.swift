import ArgumentParsing
import RouteGuideProtocol
import RouteGuideTransport

/// Reads and checks the client options from parsed values.
extension ClientOptions {
  /// Reads the options of a client subcommand for a method of `shape`.
  init(values: ParsedValues, shape: CallShape) throws(ValidationError) {
    typealias Key = ClientArguments
    try self.init(connectionValues: values)
    headers = try values.values(Key.header)
    timeoutNanoseconds = try values.value(Key.timeout)
    maxMessageSize = try values.value(Key.maxMessageSize) ?? maxMessageSize
    compression = try values.value(Key.compress) ?? nil
    mapping = JSONMappingOptions(
      emitDefaults: values.flag(Key.emitDefaults), protoNames: values.flag(Key.protoNames),
      allowUnknownFields: values.flag(Key.allowUnknownFields))
    verbose = values.flag(Key.verbose)
    input = try values.value(Key.data) ?? .stdin
    dryRun = values.flag(Key.dryRun)
    waitForReady = values.flag(Key.waitForReady)
    format = try values.value(Key.format) ?? format
    errors = try values.value(Key.errors) ?? errors
    if shape == .unary {
      concurrency = try values.value(Key.concurrency) ?? concurrency
      keepGoing = values.flag(Key.keepGoing)
    }
  }

  /// Reads where and how to connect: address, TLS, timeouts, keepalive.
  init(connectionValues values: ParsedValues) throws(ValidationError) {
    typealias Key = ClientArguments
    let parsed = try values.value(Key.address)
    let target = parsed ?? AddressParser.Parsed(address: .tcp(host: "localhost", port: 50051))
    let plaintextReason = try Self.plaintextReason(values, scheme: target.scheme)
    try Self.checkTLSArguments(values, plaintextReason: plaintextReason)
    self.init(address: target.address, tls: nil)
    if plaintextReason == nil {
      tls = TLSClientConfiguration(
        caFile: try values.value(Key.caCertificate),
        certificateFile: try values.value(Key.certificate),
        keyFile: try values.value(Key.key), insecure: values.flag(Key.insecure),
        serverName: try values.value(Key.serverName),
        systemTrust: SystemTrustLocations(
          file: values.value(Key.certificateFileVariable),
          directories: values.value(Key.certificateDirectoryVariable)))
    }
    try readProxy(values)
    authority = try values.value(Key.authority)
    connectTimeoutNanoseconds = try values.value(Key.connectTimeout) ?? connectTimeoutNanoseconds
    keepalive = KeepalivePolicy(
      interval: try values.value(Key.keepalive),
      timeout: try values.value(Key.keepaliveTimeout) ?? keepalive.timeout)
  }

  /// The proxy that applies to the address: `--no-proxy`, else `--proxy`, else the
  /// environment's (ProxyChoice). A unix socket is never proxied.
  private mutating func readProxy(_ values: ParsedValues) throws(ValidationError) {
    typealias Key = ClientArguments
    if values.flag(Key.noProxy) && values.isPresent(Key.proxy) {
      throw ValidationError("--no-proxy conflicts with --proxy")
    }
    guard !values.flag(Key.noProxy), case .tcp = address else { return }
    if let explicit = try values.value(Key.proxy) {
      proxy = explicit
      proxySource = "--proxy"
      return
    }
    let environment = ProxyChoice.Environment(
      grpcProxy: values.value(Key.grpcProxyVariable),
      httpsProxy: values.value(Key.httpsProxyVariable)
        ?? values.value(Key.httpsProxyUpperVariable),
      httpProxy: values.value(Key.httpProxyVariable) ?? values.value(Key.httpProxyUpperVariable),
      noProxy: values.value(Key.noProxyVariable) ?? values.value(Key.noProxyUpperVariable))
    guard let source = ProxyChoice.select(for: address, tls: tls != nil, environment: environment)
    else { return }
    do throws(OptionValueError) {
      proxy = try ProxyParser.parse(source.text)
    } catch {
      throw ValidationError(
        "invalid proxy '\(ProxyParser.redacted(source.text))' in \(source.name): \(error)")
    }
    proxySource = source.name
  }

  /// What turned TLS off, for messages (`--plaintext`, `the http:// address`); nil with TLS.
  private static func plaintextReason(
    _ values: ParsedValues, scheme: AddressParser.Scheme?
  ) throws(ValidationError) -> String? {
    let flag = values.flag(ClientArguments.plaintext)
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
    typealias Key = ClientArguments
    let given = [
      (values.flag(Key.insecure), Key.insecure.definition),
      (values.isPresent(Key.caCertificate), Key.caCertificate.definition),
      (values.isPresent(Key.certificate), Key.certificate.definition),
      (values.isPresent(Key.key), Key.key.definition),
      (values.isPresent(Key.serverName), Key.serverName.definition),
    ]
    if let plaintextReason, let first = given.first(where: \.0) {
      throw ValidationError(
        "\(first.1.displayName) needs TLS, but \(plaintextReason) turns it off")
    }
    if values.isPresent(Key.certificate), !values.isPresent(Key.key) {
      throw ValidationError("--cert needs --key (the private key of the client certificate)")
    }
    if values.isPresent(Key.key), !values.isPresent(Key.certificate) {
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
