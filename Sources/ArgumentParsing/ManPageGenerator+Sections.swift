/// The closing sections of the man page, and the text helpers the page shares.
extension ManPageGenerator {
  /// Variables that arguments read, then the ones commands declare, then the ones `content` adds.
  func writeEnvironment(_ root: CommandSpec, into writer: inout RoffWriter) {
    var order: [String] = []
    var users: [String: (argument: ArgumentDefinition, commands: [String])] = [:]
    for command in root.allCommands {
      for argument in command.visibleArguments {
        guard let variable = argument.environmentVariable else { continue }
        if users[variable] == nil { order.append(variable) }
        users[variable, default: (argument, [])].commands.append(
          renamed(command.commandLine, root: root.name))
      }
    }
    let declared = order.compactMap { variable in
      users[variable].map { use in
        ManPageDefinition(
          variable,
          "The value of \(use.argument.displayName) when it is not given, for "
            + Self.list(use.commands) + "; empty counts as unset.")
      }
    }
    var read: [EnvironmentKey] = []
    for key in root.allCommands.flatMap(\.environment) where !read.contains(key) {
      read.append(key)
    }
    let definitions =
      declared + read.map { ManPageDefinition($0.name, $0.help) } + content.environment
    guard !definitions.isEmpty else { return }
    writer.heading("ENVIRONMENT")
    writer.blocks([.definitions(definitions)])
  }

  func writeExamples(_ root: CommandSpec, into writer: inout RoffWriter) {
    guard !content.examples.isEmpty else { return }
    writer.heading("EXAMPLES")
    writeExampleList(content.examples, root: root.name, into: &writer)
  }

  /// Each explanation as a paragraph, its command line below it, indented and unfilled.
  func writeExampleList(
    _ examples: [CommandExample], root: String, into writer: inout RoffWriter
  ) {
    for example in examples {
      writer.paragraph(example.explanation + ":")
      writer.literal([renamed(example.command, root: root)])
    }
  }

  func writeSeeAlso(into writer: inout RoffWriter) {
    guard !content.seeAlso.isEmpty else { return }
    writer.heading("SEE ALSO")
    for (index, page) in content.seeAlso.enumerated() {
      let comma = index == content.seeAlso.count - 1 ? "" : ","
      guard let open = page.firstIndex(of: "(") else {
        writer.raw(".B " + RoffText.macroArgument(page + comma))
        continue
      }
      let name = RoffText.macroArgument(String(page[..<open]))
      writer.raw(".BR " + name + " " + RoffText.macroArgument(page[open...] + comma))
    }
  }

  /// Discussion text as blocks: paragraphs split at blank lines; lines that start with a space
  /// are kept as literal lines, the way help prints them.
  static func blocks(fromDiscussion text: String) -> [ManPageBlock] {
    var blocks: [ManPageBlock] = []
    var paragraph: [Substring] = []
    var literal: [String] = []
    func flush() {
      if !paragraph.isEmpty { blocks.append(.paragraph(paragraph.joined(separator: " "))) }
      if !literal.isEmpty { blocks.append(.literal(literal)) }
      paragraph = []
      literal = []
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.allSatisfy({ $0 == " " }) {
        flush()
      } else if line.hasPrefix(" ") {
        if !paragraph.isEmpty { flush() }
        literal.append(String(line.drop { $0 == " " }))
      } else {
        if !literal.isEmpty { flush() }
        paragraph.append(line)
      }
    }
    flush()
    return blocks
  }

  /// A command line with the root command's name (`root`) replaced by `programName` wherever
  /// it is run as a command: at the start, and after `|`, `&`, `;`, `&&`, `||`, `$(` or `<(`.
  func renamed(_ commandLine: String, root: String) -> String {
    Self.replacingCommand(root, with: programName, in: commandLine)
  }

  static func replacingCommand(_ old: String, with new: String, in line: String) -> String {
    guard old != new else { return line }
    let separators: Set<Substring> = ["|", "&", ";", "&&", "||"]
    var previous: Substring? = nil
    var words: [String] = []
    for word in line.split(separator: " ", omittingEmptySubsequences: false) {
      if word == old, previous == nil || separators.contains(previous ?? "") {
        words.append(new)
      } else if word.hasPrefix("$(" + old) || word.hasPrefix("<(" + old),
        word.dropFirst(2) == old
      {
        words.append(word.prefix(2) + new)
      } else {
        words.append(String(word))
      }
      previous = word
    }
    return words.joined(separator: " ")
  }

  /// `a`, `a and b`, `a, b and c`.
  static func list(_ items: [String]) -> String {
    guard items.count > 1, let last = items.last else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + last
  }
}
