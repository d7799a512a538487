import ArgumentParsing

/// `rg man`: prints the man page, generated from the command model, as roff on stdout.
struct ManCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "man",
    abstract: "Print the manual page (roff) on stdout.",
    discussion: """
      The page has every command and option, the ADDRESS forms, the input and output \
      formats, the exit status and examples. For rg installed as NAME, it lives in \
      PREFIX/share/man/man1/NAME.1 (make install NAME=... puts it there).
      """,
    examples: [
      CommandExample("Read the manual page", "rg man | man -l -"),
      CommandExample("Print the page of rg installed as grg", "rg man --name grg"),
    ])

  static let arguments: [ArgumentDefinition] = [ProgramName.argument]

  /// The date in the page footer: fixed, so the committed page only changes with its content.
  static let date = "2026-11-25"

  let programName: String

  init(values: ParsedValues) throws(ValidationError) {
    programName = try ProgramName.read(values)
  }

  func run() -> Int32 {
    let generator = ManPageGenerator(
      programName: programName, content: Self.content(programName: programName))
    print(generator.render(CommandSpec(RGCommand.self)), terminator: "")
    return 0
  }
}
