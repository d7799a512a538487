/// Renders a command's help from the model: overview, usage, arguments grouped under headings,
/// subcommands and examples, wrapped to a width.
public struct HelpRenderer: Sendable {
  public var width: Int

  /// Labels longer than this push their help text to the next line.
  static let maximumLabelColumn = 28

  public init(width: Int = TerminalWidth.fallback) {
    self.width = max(width, 40)
  }

  public func render(_ command: CommandSpec) -> String {
    var sections: [[String]] = []
    let configuration = command.configuration
    if !configuration.abstract.isEmpty {
      sections.append(TextWrapper.wrap("OVERVIEW: " + configuration.abstract, width: width))
    }
    if !configuration.discussion.isEmpty {
      sections.append(TextWrapper.wrapParagraphs(configuration.discussion, width: width))
    }
    sections.append(TextWrapper.wrap("USAGE: " + Self.usageLine(for: command), width: width))
    sections += argumentSections(command)
    if !command.subcommandNames.isEmpty { sections.append(subcommandSection(command)) }
    if !configuration.examples.isEmpty { sections.append(exampleSection(configuration.examples)) }
    if !command.subcommandNames.isEmpty {
      let hint = "See '\(command.commandLine) help <subcommand>' for detailed help."
      sections.append(TextWrapper.wrap(hint, width: width))
    }
    return sections.map { $0.joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
  }

  /// ARGUMENTS, then one section per group in order of first use, then OPTIONS.
  private func argumentSections(_ command: CommandSpec) -> [[String]] {
    let visible = command.visibleArguments
    var titles: [String] = []
    var members: [String: [ArgumentDefinition]] = [:]
    for definition in visible where !definition.isPositional {
      let title = definition.group?.title ?? "OPTIONS"
      if members[title] == nil { titles.append(title) }
      members[title, default: []].append(definition)
    }
    if let index = titles.firstIndex(of: "OPTIONS") { titles.append(titles.remove(at: index)) }
    let positionals = visible.filter(\.isPositional)
    let all = positionals + titles.flatMap { members[$0] ?? [] }
    let column = labelColumn(for: all)
    var sections: [[String]] = []
    if !positionals.isEmpty {
      sections.append(["ARGUMENTS:"] + positionals.flatMap { entry($0, column: column) })
    }
    for title in titles {
      let rows = (members[title] ?? []).flatMap { entry($0, column: column) }
      sections.append([title + ":"] + rows)
    }
    return sections
  }

  private func labelColumn(for definitions: [ArgumentDefinition]) -> Int {
    let longest = definitions.map { Self.label(for: $0).count }.max() ?? 0
    return 2 + min(longest, Self.maximumLabelColumn - 4) + 2
  }

  private func entry(_ definition: ArgumentDefinition, column: Int) -> [String] {
    row(label: Self.label(for: definition), text: Self.helpText(for: definition), column: column)
  }

  /// A label at two spaces and its text at `column`, on the same line when the label fits.
  private func row(label: String, text: String, column: Int) -> [String] {
    let lines = TextWrapper.wrap(text, width: max(width, column + 20), indent: column)
    let head = "  " + label
    guard head.count + 2 <= column, let first = lines.first else {
      return [head] + lines
    }
    let padding = String(repeating: " ", count: column - head.count)
    return [head + padding + first.dropFirst(column)] + lines.dropFirst()
  }

  private func subcommandSection(_ command: CommandSpec) -> [String] {
    let longest = command.subcommandNames.map(\.count).max() ?? 0
    let column = 2 + min(longest, Self.maximumLabelColumn - 4) + 2
    return ["SUBCOMMANDS:"]
      + command.subcommands.flatMap { subcommand in
        row(label: subcommand.name, text: subcommand.configuration.abstract, column: column)
      }
  }

  /// Explanations are wrapped; command lines are kept whole so they can be copied.
  private func exampleSection(_ examples: [CommandExample]) -> [String] {
    var lines = ["EXAMPLES:"]
    for (index, example) in examples.enumerated() {
      if index > 0 { lines.append("") }
      lines += TextWrapper.wrap(example.explanation + ":", width: width, indent: 2)
      lines.append("    " + example.command)
    }
    return lines
  }
}
