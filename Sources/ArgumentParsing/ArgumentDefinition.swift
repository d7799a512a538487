/// One declared argument: an option with a value, a flag, or a positional.
///
/// Everything the parser, help, completion and man-page generators need is stored here as plain
/// data.
public struct ArgumentDefinition: Hashable, Sendable {
  /// How the argument is written on the command line.
  public enum Kind: Hashable, Sendable {
    /// `--verbose`, `-v`: no value.
    case flag
    /// `--timeout 5s`, `--timeout=5s`, `-H value`, `-Hvalue`.
    case option
    /// A bare word, matched by position (`ADDRESS`).
    case positional
  }

  public var kind: Kind
  /// The name values are looked up by: the long name, or the positional's lower-cased name.
  public var key: String
  /// The long name without dashes (`timeout`); nil for positionals and short-only options.
  public var longName: String?
  public var shortName: Character?
  /// The placeholder for the value in help (`DURATION`); the positional's name (`ADDRESS`).
  public var valueName: String
  /// One or two sentences for help.
  public var help: String
  /// Longer text for the man page; empty when `help` says it all.
  public var discussion: String
  /// The heading the argument is listed under; nil lists it under OPTIONS or ARGUMENTS.
  public var group: ArgumentGroup?
  /// The value used when the argument is absent, as it would be typed (`10s`).
  public var defaultValue: String?
  /// An environment variable read when the argument is absent (before `defaultValue`).
  public var environmentVariable: String?
  public var repetition: Repetition
  /// What a shell may complete the value with.
  public var completion: CompletionKind
  /// Positionals only: whether it may be left out.
  public var isOptional: Bool
  /// Accepted, but left out of help, completions and the man page.
  public var isHidden: Bool
  /// The value is data: any bytes, read with `ParsedValues.bytes`. Any other value that is
  /// not valid UTF-8 is a usage error.
  public var acceptsBytes: Bool

  public init(
    kind: Kind, key: String, longName: String?, shortName: Character?, valueName: String,
    help: String, discussion: String = "", group: ArgumentGroup? = nil,
    defaultValue: String? = nil, environmentVariable: String? = nil,
    repetition: Repetition = .lastWins, completion: CompletionKind = .none,
    isOptional: Bool = true, isHidden: Bool = false, acceptsBytes: Bool = false
  ) {
    self.kind = kind
    self.key = key
    self.longName = longName
    self.shortName = shortName
    self.valueName = valueName
    self.help = help
    self.discussion = discussion
    self.group = group
    self.defaultValue = defaultValue
    self.environmentVariable = environmentVariable
    self.repetition = repetition
    self.completion = completion
    self.isOptional = isOptional
    self.isHidden = isHidden
    self.acceptsBytes = acceptsBytes
  }

  /// How errors name the argument: `--timeout`, `-x`, or `ADDRESS`.
  public var displayName: String {
    if kind == .positional { return valueName }
    if let longName { return "--" + longName }
    if let shortName { return "-" + String(shortName) }
    return key
  }

  /// Whether the argument is written as a word on its own rather than after a dash.
  public var isPositional: Bool { kind == .positional }
}

/// What happens when an option or positional is given more than once.
public enum Repetition: Hashable, Sendable {
  /// The last occurrence wins, so an alias can be overridden.
  case lastWins
  /// A second occurrence is a usage error.
  case once
  /// Every occurrence is kept, in order.
  case accumulate
}
