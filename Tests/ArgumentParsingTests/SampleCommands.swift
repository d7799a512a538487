@testable import ArgumentParsing

// A small command tree shaped like rg's, used by the tests of every file.

let connectionGroup = ArgumentGroup("CONNECTION OPTIONS")

struct SampleRoot: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tool", abstract: "A sample tool.", version: "tool 1.2.3",
    subcommands: [SampleFetch.self, SampleServe.self])

  init(values: ParsedValues) throws(ValidationError) {}

  func run() -> Int32 { 0 }
}

struct SampleFetch: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fetch", abstract: "Fetch things.",
    discussion: "Fetches things from a server.\n\nReads stdin.",
    examples: [CommandExample("Fetch one thing", "tool fetch -d '{}' localhost:1")])

  static let arguments: [ArgumentDefinition] = [
    .positional(
      "ADDRESS", help: "The server.", defaultValue: "localhost:1",
      environmentVariable: "TOOL_ADDRESS"),
    .flag("plaintext", help: "No TLS.", group: connectionGroup),
    .option(
      "timeout", valueName: "DURATION", help: "Deadline.", group: connectionGroup,
      defaultValue: "10s"),
    .flag("insecure", short: "k", help: "Skip verification."),
    .flag("verbose", short: "v", help: "Say more."),
    .option("header", short: "H", valueName: "HEADER", help: "Metadata.", repetition: .accumulate),
    .option(
      "data", short: "d", valueName: "JSON", help: "Input.", repetition: .once,
      acceptsBytes: true),
    .option(
      "format", valueName: "FORMAT", help: "Output format.", completion: .choices(["json", "text"])
    ),
    .option("secret", valueName: "X", help: "Hidden.", isHidden: true),
  ]

  let timeout: Int?
  let values: ParsedValues

  init(values: ParsedValues) throws(ValidationError) {
    self.values = values
    timeout = try values.value("timeout") { (text: String) throws(ValidationError) -> Int in
      guard text.hasSuffix("s"), let seconds = Int(text.dropLast()), seconds > 0 else {
        throw ValidationError("expected whole seconds like 5s")
      }
      return seconds
    }
  }

  func validate() throws(ValidationError) {
    if values.flag("plaintext"), values.flag("insecure") {
      throw ValidationError("--insecure needs TLS")
    }
  }

  func run() -> Int32 { 7 }
}

struct SampleServe: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve things.")

  static let arguments: [ArgumentDefinition] = [
    .option("port", valueName: "N", help: "The port.", defaultValue: "50051"),
    .positional("FILES", help: "Files to serve.", isOptional: false, repetition: .accumulate),
  ]

  let port: Int

  init(values: ParsedValues) throws(ValidationError) {
    port = try values.value("port", as: Int.self) ?? 0
  }

  func run() -> Int32 { 0 }
}

/// The values of a parsed `tool fetch ...`, or nil when it was not a fetch to run.
func fetchValues(_ words: [String], environment: [String: String] = [:]) -> SampleFetch? {
  let outcome = CommandParser(SampleRoot.self).parse(["fetch"] + words) { environment[$0] }
  guard case .run(let command, _) = outcome else { return nil }
  return command as? SampleFetch
}

/// The usage error message of a command line, or nil when it parsed.
func usageMessage(_ words: [String]) -> String? {
  guard case .usageError(let error) = CommandParser(SampleRoot.self).parse(words) else {
    return nil
  }
  return error.message
}
