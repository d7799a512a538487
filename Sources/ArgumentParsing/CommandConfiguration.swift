/// What a command is called, what it says about itself, and which subcommands it has.
public struct CommandConfiguration: Sendable {
  /// The word that selects the command (`get`); for the root, the program name (`rg`).
  public var commandName: String
  /// One line for the command list and the OVERVIEW heading.
  public var abstract: String
  /// Paragraphs after the overview; paragraphs are separated by a blank line, and lines that
  /// start with a space are printed as they are.
  public var discussion: String
  /// A usage line to show instead of the generated one (without the `USAGE:` prefix).
  public var usage: String?
  /// The text `--version` prints; only read on the root command.
  public var version: String?
  /// Worked examples, shown under EXAMPLES in help and in the man page.
  public var examples: [CommandExample]
  /// Commands selected by the first argument (`rg get ...`).
  public var subcommands: [any ParsableCommand.Type]

  public init(
    commandName: String, abstract: String = "", discussion: String = "", usage: String? = nil,
    version: String? = nil, examples: [CommandExample] = [],
    subcommands: [any ParsableCommand.Type] = []
  ) {
    self.commandName = commandName
    self.abstract = abstract
    self.discussion = discussion
    self.usage = usage
    self.version = version
    self.examples = examples
    self.subcommands = subcommands
  }
}

/// A command line worth showing, and what it does.
public struct CommandExample: Hashable, Sendable {
  /// What the example does, e.g. "Look up the feature at one point".
  public var explanation: String
  /// The command line, e.g. `rg get -d '{"latitude": 1, "longitude": 2}'`.
  public var command: String

  public init(_ explanation: String, _ command: String) {
    self.explanation = explanation
    self.command = command
  }
}
