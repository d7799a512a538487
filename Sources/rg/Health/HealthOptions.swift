import ArgumentParsing
import RouteGuideProtocol

/// What `rg health` was told: the connection and call options it shares with the other client
/// subcommands, the service to ask about, and whether to wait or watch.
struct HealthOptions {
  /// How long `--wait` keeps trying without `--timeout`.
  static let defaultWaitNanoseconds: UInt64 = 60_000_000_000

  var client: ClientOptions
  /// The service to ask about; empty means the whole server.
  var service: String
  var wait: Bool
  var watch: Bool

  enum Key {
    static let service = OptionKey(
      .option(
        "service", valueName: "NAME",
        help: "The service to ask about, e.g. routeguide.RouteGuide (default: the whole server).",
        group: .call))
    static let wait = FlagKey(
      .flag(
        "wait",
        help: "Keep asking (with backoff) until the server is SERVING or --timeout (default "
          + "60s) runs out; for CI jobs that start a server.",
        group: .call))
    static let watch = FlagKey(
      .flag(
        "watch", help: "Stream every status change (Health/Watch) until the server ends it.",
        group: .call))
  }

  static var arguments: [ArgumentDefinition] {
    ClientArguments.forHealth(
      extra: [Key.service.definition, Key.wait.definition, Key.watch.definition])
  }

  init(values: ParsedValues) throws(ValidationError) {
    client = try ClientOptions(connectionValues: values)
    client.headers = try values.values(ClientArguments.header)
    client.timeoutNanoseconds = try values.value(ClientArguments.timeout)
    client.maxMessageSize =
      try values.value(ClientArguments.maxMessageSize) ?? client.maxMessageSize
    client.verbose = values.flag(ClientArguments.verbose)
    // The status is the whole answer: print it even when it is the default, UNKNOWN.
    client.mapping = JSONMappingOptions(
      emitDefaults: true, protoNames: values.flag(ClientArguments.protoNames))
    service = try values.value(Key.service) ?? ""
    wait = values.flag(Key.wait)
    watch = values.flag(Key.watch)
    if wait && watch {
      throw ValidationError(
        "--wait and --watch do not go together: --wait stops at the first SERVING, --watch "
          + "reports every change")
    }
  }
}
