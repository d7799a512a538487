extension ArgumentDefinition {
  /// An option that takes a value: `--long VALUE`, `--long=VALUE`, `-s VALUE`, `-sVALUE`.
  /// `acceptsBytes`: the value is data, any bytes (see `ParsedValues.bytes`).
  public static func option(
    _ longName: String, short: Character? = nil, valueName: String, help: String,
    discussion: String = "", group: ArgumentGroup? = nil, defaultValue: String? = nil,
    environmentVariable: String? = nil, repetition: Repetition = .lastWins,
    completion: CompletionKind = .none, isHidden: Bool = false, acceptsBytes: Bool = false
  ) -> ArgumentDefinition {
    ArgumentDefinition(
      kind: .option, key: longName, longName: longName, shortName: short, valueName: valueName,
      help: help, discussion: discussion, group: group, defaultValue: defaultValue,
      environmentVariable: environmentVariable, repetition: repetition, completion: completion,
      isHidden: isHidden, acceptsBytes: acceptsBytes)
  }

  /// A flag without a value: `--long`, `-s`, bundled as `-sk`.
  public static func flag(
    _ longName: String, short: Character? = nil, help: String, discussion: String = "",
    group: ArgumentGroup? = nil, isHidden: Bool = false
  ) -> ArgumentDefinition {
    ArgumentDefinition(
      kind: .flag, key: longName, longName: longName, shortName: short, valueName: "",
      help: help, discussion: discussion, group: group, isHidden: isHidden)
  }

  /// A positional argument, looked up by its lower-cased name (`ADDRESS` -> `address`).
  public static func positional(
    _ name: String, help: String, discussion: String = "", isOptional: Bool = true,
    defaultValue: String? = nil, environmentVariable: String? = nil,
    repetition: Repetition = .lastWins, completion: CompletionKind = .none
  ) -> ArgumentDefinition {
    ArgumentDefinition(
      kind: .positional, key: name.lowercased(), longName: nil, shortName: nil, valueName: name,
      help: help, discussion: discussion, defaultValue: defaultValue,
      environmentVariable: environmentVariable, repetition: repetition, completion: completion,
      isOptional: isOptional)
  }
}
