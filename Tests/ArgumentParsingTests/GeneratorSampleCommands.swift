import ArgumentParsing

// A command tree with every kind of value completion, for the completion and man page
// generators' tests (SampleCommands.swift has the parser's tree).

struct FilesRoot: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "files", abstract: "Handle files.", version: "files 2.0\nlibrary 1.0",
    subcommands: [FilesSend.self])

  init(values: ParsedValues) throws(ValidationError) {}

  func run() -> Int32 { 0 }
}

struct FilesSend: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "send", abstract: "Send files: all of them.",
    discussion: "Sends files.\n\n  files send -d @x.json\nThen waits.",
    examples: [CommandExample("Send one file", "printf x | files send -d @-")])

  static let arguments: [ArgumentDefinition] = [
    .option(
      "data", short: "d", valueName: "JSON|@FILE", help: "The input [or @FILE].",
      completion: .file(extensions: [])),
    .option(
      "db", valueName: "FILE", help: "A database.", completion: .file(extensions: ["json"])),
    .option(
      "config", valueName: "FILE", help: "A config.",
      completion: .file(extensions: ["yaml", "yml"])),
    .option("out", valueName: "DIR", help: "Where to: it's a folder.", completion: .directory),
    .option(
      "mode", short: "m", valueName: "MODE", help: "How.", environmentVariable: "FILES_MODE",
      completion: .choices(["fast", "safe"])),
    .positional("TARGET", help: "Where to send.", isOptional: false),
    .positional(
      "FILES", help: "What to send.", repetition: .accumulate, completion: .file(extensions: [])),
  ]

  init(values: ParsedValues) throws(ValidationError) {}

  func run() -> Int32 { 0 }
}
