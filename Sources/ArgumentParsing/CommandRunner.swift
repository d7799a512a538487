import Glibc

/// The one place that turns a parse outcome into output and an exit status.
public enum CommandRunner {
  /// Exit status for usage errors (unknown option, bad value, missing argument).
  public static let usageExitCode: Int32 = 2

  /// Parses `arguments` (without the program name) against `root`, prints help, the version
  /// or a usage error, or runs the command; returns the exit status.
  public static func run(_ root: any ParsableCommand.Type, arguments: [String]) -> Int32 {
    let outcome = CommandParser(root).parse(arguments) { name in
      getenv(name).map { String(cString: $0) }
    }
    switch outcome {
    case .run(let command, _):
      return command.run()
    case .help(let command):
      let renderer = HelpRenderer(width: TerminalWidth.of(descriptor: STDOUT_FILENO))
      StandardStream.write(renderer.render(command), to: STDOUT_FILENO)
      return 0
    case .version(let text):
      StandardStream.write(text + "\n", to: STDOUT_FILENO)
      return 0
    case .usageError(let error):
      StandardStream.write(error.text, to: STDERR_FILENO)
      return usageExitCode
    }
  }
}
