import ArgumentParsing

/// `rg completions bash|zsh`: prints a completion script generated from the command model.
struct CompletionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "completions",
    abstract: "Print the completion script for bash or zsh.",
    discussion: """
      The script completes subcommands, options, and the values that can be known: shells, \
      and file names for --cacert, --cert, --key, --db and -d @FILE. bash needs the \
      bash-completion package. For rg installed as NAME, they live in \
      PREFIX/share/bash-completion/completions/NAME and PREFIX/share/zsh/site-functions/_NAME \
      (make install NAME=... puts them there).
      """,
    examples: [
      CommandExample("Print the bash completion script", "rg completions bash"),
      CommandExample(
        "Install the zsh completion of rg installed as grg",
        "rg completions zsh --name grg | tee ~/.zsh/functions/_grg"),
    ])

  static let shellKey = OptionKey(
    .positional(
      "SHELL", help: "The shell to complete in.", isOptional: false,
      completion: .choices(Shell.allCases.map(\.rawValue))))

  static let arguments: [ArgumentDefinition] = [shellKey.definition, ProgramName.argument]

  /// The shells there is a generator for.
  enum Shell: String, CaseIterable {
    case bash
    case zsh
  }

  let shell: Shell
  let programName: String

  init(values: ParsedValues) throws(ValidationError) {
    let text = try values.value(Self.shellKey) ?? ""
    guard let shell = Shell(rawValue: text) else {
      throw ValidationError("unknown shell '\(text)' (use bash or zsh)")
    }
    self.shell = shell
    programName = try ProgramName.read(values)
  }

  func run() -> Int32 {
    let root = CommandSpec(RGCommand.self)
    switch shell {
    case .bash:
      print(BashCompletionGenerator(programName: programName).render(root), terminator: "")
    case .zsh: print(ZshCompletionGenerator(programName: programName).render(root), terminator: "")
    }
    return 0
  }
}
