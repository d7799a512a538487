import Glibc

/// The one place that turns a parse outcome into output and an exit status.
public enum CommandRunner {
  /// Exit status for usage errors (unknown option, bad value, missing argument).
  public static let usageExitCode: Int32 = 2

  /// Runs `root` with the process's arguments as the bytes given: `argc` and `argv` as the
  /// C runtime hands them over (`CommandLine.argc`, `CommandLine.unsafeArgv`).
  public static func run(
    _ root: any ParsableCommand.Type, argc: Int32,
    argv: UnsafePointer<UnsafeMutablePointer<CChar>?>
  ) -> Int32 {
    run(root, bytes: arguments(argc: argc, argv: argv))
  }

  /// The arguments after the program name, each as its bytes. Not `CommandLine.arguments`:
  /// it replaces invalid UTF-8 with U+FFFD, which would change values that are data.
  public static func arguments(
    argc: Int32, argv: UnsafePointer<UnsafeMutablePointer<CChar>?>
  ) -> [[UInt8]] {
    guard argc > 1 else { return [] }
    return (1..<Int(argc)).compactMap { index in
      argv[index].map { Array(UnsafeRawBufferPointer(start: $0, count: strlen($0))) }
    }
  }

  /// Parses `arguments` (without the program name) against `root`, prints help, the version
  /// or a usage error, or runs the command; returns the exit status.
  public static func run(_ root: any ParsableCommand.Type, arguments: [String]) -> Int32 {
    run(root, bytes: arguments.map { Array($0.utf8) })
  }

  /// As `run(_:arguments:)`, with each argument given as its bytes.
  public static func run(_ root: any ParsableCommand.Type, bytes arguments: [[UInt8]]) -> Int32 {
    let outcome = CommandParser(root).parse(bytes: arguments) { name in
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
