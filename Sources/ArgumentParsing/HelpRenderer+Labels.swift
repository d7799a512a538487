extension HelpRenderer {
  /// The usage line without a prefix: `rg get [options] [ADDRESS]`, or the configured one.
  public static func usageLine(for command: CommandSpec) -> String {
    if let usage = command.configuration.usage { return usage }
    var words = [command.commandLine]
    if !command.subcommandNames.isEmpty { words.append("<subcommand>") }
    let visible = command.visibleArguments
    if visible.contains(where: { !$0.isPositional }) { words.append("[options]") }
    for definition in visible where definition.isPositional {
      let name = definition.valueName + (definition.repetition == .accumulate ? "..." : "")
      words.append(definition.isOptional ? "[\(name)]" : name)
    }
    return words.joined(separator: " ")
  }

  /// How an argument is shown in the left column: `-H, --header HEADER`, `--plaintext`,
  /// `ADDRESS`.
  public static func label(for definition: ArgumentDefinition) -> String {
    if definition.isPositional { return definition.valueName }
    var names: [String] = []
    if let short = definition.shortName { names.append("-" + String(short)) }
    if let long = definition.longName { names.append("--" + long) }
    let label = names.joined(separator: ", ")
    return definition.kind == .option ? label + " " + definition.valueName : label
  }

  /// The help sentence followed by what else a reader needs: choices, repetition, the
  /// environment variable and the default.
  public static func helpText(for definition: ArgumentDefinition) -> String {
    var parts = [definition.help]
    if case .choices(let words) = definition.completion {
      parts.append("(values: \(words.joined(separator: ", ")))")
    }
    if definition.repetition == .accumulate, !definition.isPositional {
      parts.append("(repeatable)")
    }
    if let variable = definition.environmentVariable {
      parts.append("(env: $\(variable))")
    }
    if let value = definition.defaultValue {
      parts.append("(default: \(value))")
    }
    return parts.filter { !$0.isEmpty }.joined(separator: " ")
  }
}
