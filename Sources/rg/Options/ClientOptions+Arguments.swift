import ArgumentParsing
import RouteGuideProtocol
import RouteGuideTransport

/// The arguments of the client subcommands, as typed keys (read in ClientOptions+Values.swift).
enum ClientArguments {
  /// What a client subcommand accepts: every call option, `--concurrency` where one run makes
  /// many calls (unary methods), and `extra` for the command's own.
  static func all(for shape: CallShape, extra: [ArgumentDefinition] = []) -> [ArgumentDefinition] {
    var call = callArguments
    if shape == .unary {
      call.insert(contentsOf: [concurrency.definition, keepGoing.definition], at: call.count - 1)
    }
    return [address.definition] + connection + tls + call + extra + output
  }

  /// What `rg health` shares with the others: no input, no dry run.
  static func forHealth(extra: [ArgumentDefinition]) -> [ArgumentDefinition] {
    // `--wait` is health's own, stronger form of --wait-for-ready.
    [address.definition] + connection.filter { $0.key != waitForReady.definition.key } + tls
      + [header.definition, timeout.definition, maxMessageSize.definition] + extra
      + [protoNames.definition, verbose.definition]
  }

  static let address = OptionKey(
    .positional(
      "ADDRESS",
      help: "The server: host:port, [v6]:port, unix:/path, http://host:port (plaintext) or "
        + "https://host[:port].",
      defaultValue: AddressParser.defaultAddress, environmentVariable: "RG_ADDRESS"),
    parse: AddressParser.parse)

  static let plaintext = FlagKey(
    .flag(
      "plaintext", help: "Speak HTTP/2 without TLS (also implied by an http:// address).",
      group: .connection))
  static let connectTimeout = OptionKey(
    .option(
      "connect-timeout", valueName: "DURATION",
      help: "Give up when the connection and TLS handshake take longer.",
      group: .connection, defaultValue: ClientOptions.defaultConnectTimeout),
    parse: DurationParser.parse)
  static let authority = OptionKey(
    .option(
      "authority", valueName: "NAME", help: "The :authority to send instead of ADDRESS.",
      group: .connection),
    parse: ClientOptions.name)
  static let keepalive = OptionKey(
    .option(
      "keepalive", valueName: "DURATION",
      help: "Send an HTTP/2 PING whenever the server has been silent this long while a call "
        + "waits (default: after 10s of silence, then at most every 5m).",
      group: .connection),
    parse: DurationParser.parse)
  static let keepaliveTimeout = OptionKey(
    .option(
      "keepalive-timeout", valueName: "DURATION",
      help: "End the run with UNAVAILABLE when nothing arrives this long after a PING.",
      group: .connection, defaultValue: ClientOptions.defaultKeepaliveTimeout),
    parse: DurationParser.parse)
  static let proxy = OptionKey(
    .option(
      "proxy", valueName: "URL",
      help: "Connect through this HTTP proxy (http://HOST:PORT, with USER:PASSWORD@ before "
        + "HOST for Basic authentication) with CONNECT, whatever the proxy variables say; also "
        + "for a loopback ADDRESS.",
      group: .connection),
    parse: ProxyParser.parse)
  static let noProxy = FlagKey(
    .flag(
      "no-proxy", help: "Connect directly, whatever grpc_proxy, https_proxy or http_proxy say.",
      group: .connection))
  static let waitForReady = FlagKey(
    .flag(
      "wait-for-ready",
      help: "While the server cannot be reached, keep trying (with backoff) until --timeout, "
        + "or 20s without it, instead of failing at once.",
      group: .connection))

  static let insecure = FlagKey(
    .flag(
      "insecure", short: "k", help: "Skip the verification of the server's certificate and name.",
      group: .tls))
  static let caCertificate = OptionKey(
    .option(
      "cacert", valueName: "FILE",
      help: "Trust the CA certificates in this PEM file instead of the system's.", group: .tls,
      completion: .file(extensions: [])),
    parse: ClientOptions.fileName)
  static let certificate = OptionKey(
    .option(
      "cert", valueName: "FILE", help: "Present this PEM client certificate (mutual TLS).",
      group: .tls, completion: .file(extensions: [])),
    parse: ClientOptions.fileName)
  static let key = OptionKey(
    .option(
      "key", valueName: "FILE", help: "The PEM private key of --cert.", group: .tls,
      completion: .file(extensions: [])),
    parse: ClientOptions.fileName)
  static let serverName = OptionKey(
    .option(
      "servername", valueName: "NAME",
      help: "The name sent as SNI and verified in the certificate, instead of ADDRESS's host.",
      group: .tls),
    parse: ClientOptions.name)

  static let data = OptionKey(
    .option(
      "data", short: "d", valueName: "JSON|@FILE|@-",
      help: "The input: JSON text, @FILE to read a file, or @- for stdin (the default).",
      group: .call, repetition: .once, completion: .file(extensions: []), acceptsBytes: true),
    parseBytes: InputSource.parse)
  static let header = OptionKey(
    .option(
      "header", short: "H", valueName: "'NAME: VALUE'",
      help: "Send this metadata; for names ending in -bin give the raw bytes, rg sends them "
        + "base64-encoded.",
      group: .call, repetition: .accumulate, acceptsBytes: true),
    // A closure, not the function itself: converting the typed-throws function that returns
    // a tuple crashes Swift 6.3's SIL generation ("unsupported collection upcast kind").
    parseBytes: { bytes in try Metadata.parseHeaderArgument(bytes) })
  static let timeout = OptionKey(
    .option(
      "timeout", valueName: "DURATION",
      help: "Deadline of each call (250ms, 5s, 1.5m, 1h), sent as grpc-timeout.", group: .call),
    parse: DurationParser.parse)
  static let maxMessageSize = OptionKey(
    .option(
      "max-msg-size", valueName: "BYTES",
      help: "The largest response message accepted (K, M, G = 1024, 1024², 1024³).",
      group: .call, defaultValue: ClientOptions.defaultMaxMessageSize),
    parse: ByteSizeParser.parse)
  static let allowUnknownFields = FlagKey(
    .flag(
      "allow-unknown-fields", help: "Skip input JSON members that name no field.", group: .call))
  static let concurrency = OptionKey(
    .option(
      "concurrency", valueName: "N",
      help: "Calls in flight at once (never more than the server allows).", group: .call,
      defaultValue: ClientOptions.defaultConcurrency),
    parse: ClientOptions.concurrencyLimit)
  static let keepGoing = FlagKey(
    .flag(
      "keep-going",
      help: "Make every input's call even when some fail; a failed call prints one line (with "
        + "its input's position) instead of its answer, and the first failure decides the exit.",
      group: .call))
  static let dryRun = FlagKey(
    .flag(
      "dry-run",
      help: "Print each request's method and gRPC frame in hex instead of calling.",
      group: .call))

  static let format = OutputKey.format
  static let errors = OutputKey.errors

  static let emitDefaults = FlagKey(
    .flag(
      "emit-defaults", help: "Print fields that hold their default value (0, \"\").",
      group: .output))
  static let protoNames = FlagKey(
    .flag(
      "proto-names", help: "Print the proto field names (point_count) instead of lowerCamelCase.",
      group: .output))
  static let verbose = FlagKey(
    .flag(
      "verbose", short: "v", help: "Log headers, trailers and timing on stderr.", group: .output))

  static let connection = [
    plaintext.definition, connectTimeout.definition, authority.definition,
    keepalive.definition, keepaliveTimeout.definition, proxy.definition, noProxy.definition,
    waitForReady.definition,
  ]
  static let tls = [
    insecure.definition, caCertificate.definition, certificate.definition, key.definition,
    serverName.definition,
  ]
  static let callArguments = [
    data.definition, header.definition, timeout.definition, maxMessageSize.definition,
    allowUnknownFields.definition, dryRun.definition,
  ]
  static let output = [
    format.definition, errors.definition, emitDefaults.definition, protoNames.definition,
    verbose.definition,
  ]

  /// The environment client subcommands read besides RG_ADDRESS: proxies, then the trust store.
  static let environment = [
    grpcProxyVariable, httpsProxyVariable, httpsProxyUpperVariable, httpProxyVariable,
    httpProxyUpperVariable, noProxyVariable, noProxyUpperVariable, certificateFileVariable,
    certificateDirectoryVariable,
  ]
  static let grpcProxyVariable = EnvironmentKey(
    "grpc_proxy",
    help: "The HTTP proxy (http://[user:password@]host[:port]) for every TCP ADDRESS that is "
      + "not loopback, before https_proxy and http_proxy; --proxy and --no-proxy override it.")
  static let httpsProxyVariable = EnvironmentKey(
    "https_proxy", help: "The HTTP proxy for TLS connections when grpc_proxy is not set.")
  static let httpsProxyUpperVariable = EnvironmentKey(
    "HTTPS_PROXY", help: "Read when https_proxy is not set.")
  static let httpProxyVariable = EnvironmentKey(
    "http_proxy",
    help: "The HTTP proxy for plaintext connections (http://, --plaintext) when grpc_proxy is "
      + "not set.")
  static let httpProxyUpperVariable = EnvironmentKey(
    "HTTP_PROXY", help: "Read when http_proxy is not set.")
  static let noProxyVariable = EnvironmentKey(
    "no_proxy",
    help: "Hosts reached directly, comma-separated: names (a name covers its subdomains, "
      + ".example.com too), IP addresses, CIDR blocks (10.0.0.0/8), each optionally with "
      + ":port, or * for all. Loopback and unix: addresses never use a proxy from the "
      + "environment.")
  static let noProxyUpperVariable = EnvironmentKey(
    "NO_PROXY", help: "Read when no_proxy is not set.")
  static let certificateFileVariable = EnvironmentKey(
    "SSL_CERT_FILE",
    help: "A PEM bundle of trusted CA certificates, trusted with the directories when "
      + "--cacert is not given (default: OpenSSL's, /usr/lib/ssl/cert.pem on Debian); it is "
      + "read only when the directories lack a certificate's issuer.")
  static let certificateDirectoryVariable = EnvironmentKey(
    "SSL_CERT_DIR",
    help: "Colon-separated directories of trusted CA certificates named by subject hash "
      + "(c_rehash, update-ca-certificates), searched before OpenSSL's default directory "
      + "(/usr/lib/ssl/certs) when --cacert is not given; only the issuers a certificate "
      + "needs are read.")
}

/// The output options' keys (their values are enums of the Output folder).
enum OutputKey {
  static let format = OptionKey(
    .option(
      "format", valueName: "FORMAT",
      help: "ndjson (one compact JSON object per line, the default), json (pretty-printed, as "
        + "jq . prints it), geojson (one RFC 7946 FeatureCollection, for map tools), geojsonseq "
        + "(RFC 8142 GeoJSON text sequences).",
      group: .output, defaultValue: OutputFormat.ndjson.rawValue,
      completion: .choices(OutputFormat.allCases.map(\.rawValue))),
    parse: OutputFormat.parse)
  static let errors = OptionKey(
    .option(
      "errors", valueName: "WHERE",
      help: "stderr (one rg: line, the default) or json: a failed call writes "
        + #"{"error":{...}} in its place in the output, so output line i belongs to input i."#,
      group: .output, defaultValue: ErrorOutput.stderr.rawValue,
      completion: .choices(ErrorOutput.allCases.map(\.rawValue))),
    parse: ErrorOutput.parse)
}
