/// A command: declared as data (configuration and arguments), built from parsed values,
/// validated, then run.
///
/// The declarations are static so help, completions and the man page are generated from the
/// same model the parser uses (see `CommandSpec`).
public protocol ParsableCommand: SendableMetatype {
  /// Name, texts and subcommands.
  static var configuration: CommandConfiguration { get }
  /// The options, flags and positionals this command accepts, in help order.
  static var arguments: [ArgumentDefinition] { get }
  /// Environment variables read besides the arguments' own (`ParsedValues.value(_:)`).
  static var environment: [EnvironmentKey] { get }

  /// Reads typed values; conversion errors become usage errors.
  init(values: ParsedValues) throws(ValidationError)
  /// Checks rules between values; runs after `init(values:)`, before `run()`.
  func validate() throws(ValidationError)
  /// Does the work and returns the process exit status.
  func run() -> Int32
}

extension ParsableCommand {
  public static var arguments: [ArgumentDefinition] { [] }
  public static var environment: [EnvironmentKey] { [] }

  public func validate() throws(ValidationError) {}
}
