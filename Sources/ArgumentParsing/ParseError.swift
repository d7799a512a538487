/// Why a command line could not be read; the description is the message after `rg: `.
enum ParseError: Error, Hashable, CustomStringConvertible {
  case unknownOption(String, suggestion: String?)
  case missingValue(ArgumentDefinition)
  case unexpectedValue(ArgumentDefinition)
  case repeated(ArgumentDefinition)
  case unexpectedArgument(String)
  case missingArgument(ArgumentDefinition)
  case unknownSubcommand(String, suggestion: String?)
  case missingSubcommand([String])
  /// A value that must be text and is not UTF-8.
  case invalidUTF8(ArgumentDefinition, ArgumentWord)

  var description: String {
    switch self {
    case .unknownOption(let word, let suggestion):
      "unknown option \(word)" + (suggestion.map { "; did you mean \($0)?" } ?? "")
    case .missingValue(let definition):
      "missing value for \(definition.displayName) \(definition.valueName)"
    case .unexpectedValue(let definition):
      "\(definition.displayName) does not take a value"
    case .repeated(let definition):
      "\(definition.displayName) may be given only once"
    case .unexpectedArgument(let word):
      "unexpected argument '\(word)'"
    case .missingArgument(let definition):
      "missing \(definition.valueName)"
    case .unknownSubcommand(let word, let suggestion):
      "unknown subcommand '\(word)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    case .missingSubcommand(let names):
      "missing subcommand (one of: \(names.joined(separator: ", ")))"
    case .invalidUTF8(let definition, let value):
      "invalid \(definition.displayName) '\(value.shown)': "
        + (value.notUTF8Reason ?? "not UTF-8")
    }
  }
}
