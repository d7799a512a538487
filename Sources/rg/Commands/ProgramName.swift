import ArgumentParsing

/// The `--name` option of `rg completions` and `rg man`: the name rg is installed as.
enum ProgramName {
  static let key = OptionKey(
    .option(
      "name", valueName: "NAME",
      help:
        "The name rg is installed as (e.g. grg, beside ripgrep); the output is for that command.",
      defaultValue: "rg"),
    parse: checked)

  static var argument: ArgumentDefinition { key.definition }

  static func read(_ values: ParsedValues) throws(ValidationError) -> String {
    try values.value(key) ?? "rg"
  }

  /// The name, checked so it can go into shell code and roff as it is.
  static func checked(_ name: String) throws(OptionValueError) -> String {
    let allowed = name.allSatisfy {
      $0.isASCII && ($0.isLetter || $0.isNumber || "._+-".contains($0))
    }
    guard !name.isEmpty, allowed, !name.hasPrefix("-"), !name.hasPrefix(".") else {
      throw OptionValueError("use letters, digits, '.', '_', '+' and '-'")
    }
    return name
  }
}
