/// `_arguments` specs for single arguments, and the quoting they need.
extension ZshCompletionGenerator {
  /// One spec per spelling of an option (`-d+...`, `--data=...`), each excluding the other, or
  /// one spec for a positional; every spec is quoted for the shell.
  func specs(_ argument: ArgumentDefinition) -> [String] {
    if argument.isPositional {
      let position =
        argument.repetition == .accumulate ? "*" : argument.isOptional ? ":" : ""
      let spec = position + ":" + Self.escapeMessage(argument.valueName) + ":" + action(argument)
      return [Self.quoted(spec)]
    }
    let names = BashCompletionGenerator.optionWords(argument)
    let exclusions: String
    if argument.key == "help" || argument.key == "version" {
      // Nothing else makes sense after these.
      exclusions = "(- *)"
    } else if argument.repetition == .accumulate {
      exclusions = "*"
    } else if names.count > 1 {
      exclusions = "(" + names.joined(separator: " ") + ")"
    } else {
      exclusions = ""
    }
    let description = "[" + Self.escapeDescription(argument.help) + "]"
    return names.map { name in
      guard argument.kind == .option else { return Self.quoted(exclusions + name + description) }
      // `-d+`: the value may be attached or the next word; `--data=`: after `=` or next word.
      let form = name.hasPrefix("--") ? "=" : "+"
      let value = ":" + Self.escapeMessage(argument.valueName) + ":" + action(argument)
      return Self.quoted(exclusions + name + form + description + value)
    }
  }

  /// What `_arguments` runs to complete the value.
  func action(_ argument: ArgumentDefinition) -> String {
    if BashCompletionGenerator.takesFileAfterAt(argument) {
      return "\(functionName)_at_file " + Self.quotedWord(argument.valueName)
    }
    switch argument.completion {
    case .none:
      return " "
    case .file(let extensions) where extensions.isEmpty:
      return "_files"
    case .file(let extensions):
      // A lone `(json)` at the end of a pattern would read as glob qualifiers.
      let pattern =
        extensions.count == 1 ? extensions[0] : "(" + extensions.joined(separator: "|") + ")"
      return "_files -g \"*." + pattern + "\""
    case .directory:
      return "_files -/"
    case .choices(let words):
      return "(" + words.map(Self.quotedWord).joined(separator: " ") + ")"
    }
  }

  /// Single-quotes `text` for the shell.
  static func quoted(_ text: String) -> String {
    "'" + text.replacingEvery("'", with: "'\\''") + "'"
  }

  /// Quotes a word inside an action, which `_arguments` evaluates.
  static func quotedWord(_ text: String) -> String {
    let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) }
    return plain
      ? text
      : "\""
        + text.replacingEvery("\\", with: "\\\\").replacingEvery("\"", with: "\\\"")
        .replacingEvery("$", with: "\\$").replacingEvery("`", with: "\\`") + "\""
  }

  /// Brackets and backslashes end or escape a description.
  static func escapeDescription(_ text: String) -> String {
    text.replacingEvery("\\", with: "\\\\").replacingEvery("[", with: "\\[")
      .replacingEvery("]", with: "\\]").replacingEvery(":", with: "\\:")
  }

  /// Colons separate a spec's message from its action.
  static func escapeMessage(_ text: String) -> String {
    text.replacingEvery("\\", with: "\\\\").replacingEvery(":", with: "\\:")
  }

  /// Colons separate a name from its description in `_describe`.
  static func escapeName(_ text: String) -> String {
    text.replacingEvery(":", with: "\\:")
  }
}
