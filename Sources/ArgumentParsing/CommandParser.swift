/// Turns a command line into a validated command, a help or version request, or a usage error.
public struct CommandParser: Sendable {
  public let root: CommandSpec

  public init(_ root: any ParsableCommand.Type) {
    self.root = CommandSpec(root)
  }

  /// Parses `arguments` (without the program name); `environment` looks up variables that
  /// arguments declare as fallbacks.
  public func parse(
    _ arguments: [String], environment: (String) -> String? = { _ in nil }
  ) -> ParseOutcome {
    parse(words: arguments.map { ArgumentWord($0) }, environment: environment)
  }

  /// Parses arguments given as the bytes of argv (without the program name), so that values
  /// which are data keep bytes that are not UTF-8.
  public func parse(
    bytes arguments: [[UInt8]], environment: (String) -> String? = { _ in nil }
  ) -> ParseOutcome {
    parse(words: arguments.map { ArgumentWord(bytes: $0) }, environment: environment)
  }

  func parse(words arguments: [ArgumentWord], environment: (String) -> String?) -> ParseOutcome {
    var command = root
    var rest = arguments[...]
    while !command.subcommandNames.isEmpty, let word = rest.first?.text, !word.hasPrefix("-") {
      guard let subcommand = command.subcommand(named: word) else {
        let names = command.subcommandNames
        let nearest = Suggestion.nearest(to: word, among: names)
        return failure(ParseError.unknownSubcommand(word, suggestion: nearest), in: command)
      }
      rest = rest.dropFirst()
      if subcommand.isBuiltInHelp {
        return helpRequest(rest.map(\.text), parent: command, help: subcommand)
      }
      command = subcommand
    }
    return parseCommand(command, Array(rest), environment: environment)
  }

  private func parseCommand(
    _ command: CommandSpec, _ words: [ArgumentWord], environment: (String) -> String?
  ) -> ParseOutcome {
    let given: [String: [ArgumentWord]]
    do {
      given = try ArgumentScanner(definitions: command.arguments).scan(words)
    } catch {
      return asksForHelp(words.map(\.text)) ? .help(command) : failure(error, in: command)
    }
    if given["help"] != nil { return .help(command) }
    if given["version"] != nil, let version = command.configuration.version {
      return .version(version)
    }
    guard let type = command.commandType, command.subcommandNames.isEmpty else {
      let names = command.subcommandNames
      return failure(ParseError.missingSubcommand(names), in: command)
    }
    var variables: [String: String] = [:]
    for definition in command.arguments {
      if let name = definition.environmentVariable, let value = environment(name) {
        variables[definition.key] = value
      }
    }
    for key in command.environment {
      if let value = environment(key.name) { variables[key.storageKey] = value }
    }
    let values = ParsedValues(
      definitions: command.arguments, words: given, environment: variables)
    do {
      let parsed = try type.init(values: values)
      try parsed.validate()
      return .run(parsed, command)
    } catch {
      return failure(error, in: command)
    }
  }

  /// `help [SUBCOMMAND...]`: walks the words down the tree from the parent of `help`.
  private func helpRequest(_ words: [String], parent: CommandSpec, help: CommandSpec)
    -> ParseOutcome
  {
    var subject = parent
    for word in words {
      if word == "-h" || word == "--help" { return .help(help) }
      if word.hasPrefix("-") {
        return failure(ParseError.unknownOption(word, suggestion: nil), in: help)
      }
      guard let next = subject.subcommand(named: word) else {
        let names = subject.subcommandNames
        let nearest = Suggestion.nearest(to: word, among: names)
        return failure(ParseError.unknownSubcommand(word, suggestion: nearest), in: help)
      }
      if next.isBuiltInHelp { return .help(next) }
      subject = next
    }
    return .help(subject)
  }

  private func asksForHelp(_ words: [String]) -> Bool {
    words.prefix { $0 != "--" }.contains { $0 == "--help" || $0 == "-h" }
  }

  private func failure(_ error: some Error, in command: CommandSpec) -> ParseOutcome {
    .usageError(UsageError(message: "\(error)", command: command))
  }
}
