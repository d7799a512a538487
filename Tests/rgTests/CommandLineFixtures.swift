import ArgumentParsing

@testable import rg

// Parses rg command lines the way the binary does, without running anything.

func parseRG(_ words: [String], environment: [String: String] = [:]) -> ParseOutcome {
  CommandParser(RGCommand.self).parse(words) { environment[$0] }
}

/// As `parseRG`, with each argument given as its bytes (argv may hold invalid UTF-8).
func parseRG(bytes words: [[UInt8]]) -> ParseOutcome {
  CommandParser(RGCommand.self).parse(bytes: words)
}

/// The command a command line selects and builds, or nil on help, version or error.
func parsedCommand(_ words: [String], environment: [String: String] = [:])
  -> (any ParsableCommand)?
{
  guard case .run(let command, _) = parseRG(words, environment: environment) else { return nil }
  return command
}

/// The client options of a `get`, `list`, `record` or `chat` command line.
func clientOptions(_ words: [String], environment: [String: String] = [:]) -> ClientOptions? {
  switch parsedCommand(words, environment: environment) {
  case let command as GetCommand: command.options
  case let command as ListCommand: command.options
  case let command as RecordCommand: command.options
  case let command as ChatCommand: command.options
  default: nil
  }
}

/// The usage error message (after `rg: `) of a command line, or nil when it parsed.
func usageError(_ words: [String], environment: [String: String] = [:]) -> String? {
  guard case .usageError(let error) = parseRG(words, environment: environment) else { return nil }
  return error.message
}
