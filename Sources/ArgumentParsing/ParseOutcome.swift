/// What a command line asks for once parsed.
public enum ParseOutcome {
  /// A validated command, ready to run, and where it sits in the tree.
  case run(any ParsableCommand, CommandSpec)
  /// `--help`, `-h` or `help <subcommand>`: print this command's help, exit 0.
  case help(CommandSpec)
  /// `--version`: print the text, exit 0.
  case version(String)
  /// A usage error: print its text on stderr, exit 2.
  case usageError(UsageError)
}

/// A usage error and the command it happened in, for the usage line and the hint.
public struct UsageError: Error, Sendable, CustomStringConvertible {
  /// The message after `rg: `, e.g. `unknown option --timout; did you mean --timeout?`.
  public let message: String
  public let command: CommandSpec

  public init(message: String, command: CommandSpec) {
    self.message = message
    self.command = command
  }

  public var description: String { message }

  /// The three lines printed on stderr: the message, the usage line and where to read more.
  /// The message quotes the user's words, so their control characters are escaped.
  public var text: String {
    let program = command.path.first ?? command.name
    return """
      \(program): \(TerminalText.escaped(message))
      Usage: \(HelpRenderer.usageLine(for: command))
      See '\(command.commandLine) --help'.

      """
  }
}
