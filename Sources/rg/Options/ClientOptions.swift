import ArgumentParsing
import RouteGuideProtocol
import RouteGuideTransport

/// Everything a client subcommand was told, validated and typed; read by ClientRunner.
struct ClientOptions {
  /// 10 seconds: long enough for a slow TLS handshake, short enough for a script to notice.
  static let defaultConnectTimeout = "10s"
  static let defaultMaxMessageSize = "4M"
  static let defaultConcurrency = "64"
  static let defaultKeepaliveTimeout = "20s"
  /// How long --wait-for-ready waits for the server without --timeout.
  static let defaultWaitForReadyNanoseconds: UInt64 = 20_000_000_000

  var address: ServerAddress
  /// nil means plaintext HTTP/2.
  var tls: TLSClientConfiguration?
  /// The `:authority` to send instead of the address's host:port.
  var authority: String?
  /// Metadata from `-H`, wire-ready (names lower-cased, `-bin` values base64-encoded).
  var headers: [(name: String, value: String)]
  var timeoutNanoseconds: UInt64?
  var connectTimeoutNanoseconds: UInt64 = 10_000_000_000
  /// The HTTP proxy whose tunnel leads to the server, and what named it (`--proxy`,
  /// `$https_proxy`); nil connects directly.
  var proxy: HTTPProxy?
  var proxySource: String?
  /// When to PING a silent server, and when to give up on it.
  var keepalive = KeepalivePolicy()
  var maxMessageSize: Int = 4 << 20
  var mapping: JSONMappingOptions
  var verbose: Bool
  var input: InputSource
  /// Unary methods only: calls in flight at once on the connection.
  var concurrency: Int = 64
  /// Print the framed requests instead of calling.
  var dryRun: Bool
  /// How answers are written (`--format`).
  var format = OutputFormat.ndjson
  /// Where failed calls are reported (`--errors`).
  var errors = ErrorOutput.stderr
  /// Unary methods only: give every input its call, whatever fails (`--keep-going`).
  var keepGoing = false
  /// Keep trying to connect (with backoff) until the deadline instead of failing at once.
  var waitForReady = false
  /// How long wait-for-ready waits, when not --timeout or the default.
  var waitLimitNanoseconds: UInt64?

  /// How long wait-for-ready keeps trying to connect.
  var waitForReadyNanoseconds: UInt64 {
    waitLimitNanoseconds ?? timeoutNanoseconds ?? Self.defaultWaitForReadyNanoseconds
  }

  init(
    address: ServerAddress, tls: TLSClientConfiguration? = TLSClientConfiguration(),
    authority: String? = nil, headers: [(name: String, value: String)] = [],
    timeoutNanoseconds: UInt64? = nil, connectTimeoutNanoseconds: UInt64 = 10_000_000_000,
    maxMessageSize: Int = 4 << 20, mapping: JSONMappingOptions = JSONMappingOptions(),
    verbose: Bool = false, input: InputSource = .stdin, concurrency: Int = 64,
    dryRun: Bool = false
  ) {
    self.address = address
    self.tls = tls
    self.authority = authority
    self.headers = headers
    self.timeoutNanoseconds = timeoutNanoseconds
    self.connectTimeoutNanoseconds = connectTimeoutNanoseconds
    self.maxMessageSize = maxMessageSize
    self.mapping = mapping
    self.verbose = verbose
    self.input = input
    self.concurrency = concurrency
    self.dryRun = dryRun
  }
}

/// Where a call's JSON input comes from.
enum InputSource: Hashable, Sendable {
  case stdin
  /// `-d JSON`: the JSON itself, as the bytes given (the JSON reader judges them, as it does
  /// stdin's).
  case literal([UInt8])
  /// `-d @FILE`.
  case file(String)

  /// `@-` is stdin, `@FILE` a file (its name must be UTF-8), anything else the JSON itself.
  static func parse(_ bytes: [UInt8]) throws(OptionValueError) -> InputSource {
    guard bytes.first == UInt8(ascii: "@") else { return .literal(bytes) }
    let word = ArgumentWord(bytes: bytes)
    if let reason = word.notUTF8Reason { throw OptionValueError(reason) }
    let path = String(word.text.dropFirst())
    if path == "-" { return .stdin }
    guard !path.isEmpty else { throw OptionValueError("expected a file name after '@'") }
    return .file(path)
  }
}
