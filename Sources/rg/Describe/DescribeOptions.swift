import ArgumentParsing
import RouteGuideProtocol

/// What `rg describe` was told: the connection and call options it shares with the other
/// client subcommands, the symbol, the format, and whether to check.
struct DescribeOptions {
  /// A reflection exchange is a few small messages: without --timeout, a server that stops
  /// answering ends the run after this long instead of holding it forever.
  static let defaultTimeoutNanoseconds: UInt64 = 30_000_000_000

  var client: ClientOptions
  var mode: DescribeMode
  var format: DescribeFormat

  enum Key {
    static let symbol = OptionKey(
      .positional(
        "SYMBOL",
        help: "A service, method, message or enum by its full name, e.g. routeguide.Point "
          + "(default: list the services)."))
    static let format = OptionKey(
      .option(
        "format", valueName: "FORMAT",
        help: "text (proto source; services one per line) or json (one object per symbol).",
        group: .output, defaultValue: DescribeFormat.text.rawValue,
        completion: .choices(DescribeFormat.allCases.map(\.rawValue))),
      parse: DescribeOptions.parseFormat)
    static let check = FlagKey(
      .flag(
        "check",
        help: "Compare the server's routeguide.RouteGuide with the one rg speaks; exit 1 "
          + "with one line per difference.",
        group: .call))
  }

  static var arguments: [ArgumentDefinition] {
    typealias Client = ClientArguments
    return [Client.address.definition, Key.symbol.definition] + Client.connection + Client.tls
      + [Client.header.definition, Client.timeout.definition, Client.maxMessageSize.definition]
      + [Key.check.definition, Key.format.definition, Client.verbose.definition]
  }

  init(values given: ParsedValues) throws(ValidationError) {
    let values = try Self.placingSymbol(given)
    client = try ClientOptions(connectionValues: values)
    client.headers = try values.values(ClientArguments.header)
    client.timeoutNanoseconds =
      try values.value(ClientArguments.timeout) ?? Self.defaultTimeoutNanoseconds
    client.maxMessageSize =
      try values.value(ClientArguments.maxMessageSize) ?? client.maxMessageSize
    client.verbose = values.flag(ClientArguments.verbose)
    client.waitForReady = values.flag(ClientArguments.waitForReady)
    format = try values.value(Key.format) ?? .text
    let symbol = try values.value(Key.symbol)
    if values.flag(Key.check) {
      guard symbol == nil else {
        throw ValidationError(
          "--check compares the server's \(RouteGuide.serviceName) and takes no SYMBOL")
      }
      mode = .check
    } else {
      mode = symbol.map { .symbol($0) } ?? .services
    }
  }

  /// One word alone is the SYMBOL when it cannot be an ADDRESS: every address form has a
  /// colon (host:port, unix:, http://), and no full name does.
  private static func placingSymbol(_ values: ParsedValues) throws(ValidationError)
    -> ParsedValues
  {
    let rawAddress = OptionKey<String>(ClientArguments.address.definition)
    guard values.isPresent(rawAddress), !values.isPresent(Key.symbol),
      let word = try values.value(rawAddress), !word.contains(":")
    else { return values }
    return values.moving(ClientArguments.address.definition, to: Key.symbol.definition)
  }

  static func parseFormat(_ text: String) throws(OptionValueError) -> DescribeFormat {
    guard let format = DescribeFormat(rawValue: text) else {
      throw OptionValueError("expected text or json")
    }
    return format
  }
}
