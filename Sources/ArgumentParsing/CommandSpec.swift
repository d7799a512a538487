/// The walkable model of a command tree: each command's configuration, its declared arguments
/// plus the built-in ones (`--help`, `--version`), and its subcommands plus the built-in `help`.
///
/// The parser, help, completion and man-page generators all read this one model.
public struct CommandSpec: Sendable {
  public let configuration: CommandConfiguration
  /// The words that select this command, starting with the program: `["rg", "get"]`.
  public let path: [String]
  /// Declared arguments, then the built-in ones.
  public let arguments: [ArgumentDefinition]
  /// Environment variables the command reads besides its arguments' own.
  public let environment: [EnvironmentKey]
  /// The names of the declared subcommands, then the built-in `help` when there are any.
  public let subcommandNames: [String]
  /// The type that runs the command; nil for the built-in `help`.
  public let commandType: (any ParsableCommand.Type)?
  /// A subcommand's model is built when it is asked for: a run parses one command, and building
  /// every command's arguments was a tenth of a one-shot `rg get`'s instructions.
  private let subcommandTypes: [any ParsableCommand.Type]

  /// Builds the model of a root command; the commands below it are built when asked for.
  public init(_ root: any ParsableCommand.Type) {
    self.init(root, parentPath: [])
  }

  init(_ type: any ParsableCommand.Type, parentPath: [String]) {
    let configuration = type.configuration
    var names = configuration.subcommands.map { $0.configuration.commandName }
    if !names.isEmpty, !names.contains("help") { names.append("help") }
    self.configuration = configuration
    self.path = parentPath + [configuration.commandName]
    self.arguments = Self.withBuiltIns(
      type.arguments, isRoot: parentPath.isEmpty, hasVersion: configuration.version != nil)
    self.environment = type.environment
    self.subcommandNames = names
    self.subcommandTypes = configuration.subcommands
    self.commandType = type
  }

  private init(
    configuration: CommandConfiguration, path: [String], arguments: [ArgumentDefinition]
  ) {
    self.configuration = configuration
    self.path = path
    self.arguments = arguments
    self.environment = []
    self.subcommandNames = []
    self.subcommandTypes = []
    self.commandType = nil
  }

  public var name: String { configuration.commandName }

  /// The command as typed: `rg get`.
  public var commandLine: String { path.joined(separator: " ") }

  /// Whether this is the synthesized `help` subcommand.
  public var isBuiltInHelp: Bool { commandType == nil }

  /// Arguments that help, completions and the man page show.
  public var visibleArguments: [ArgumentDefinition] { arguments.filter { !$0.isHidden } }

  /// Declared subcommands, then the built-in `help` when there are any; each call builds them.
  public var subcommands: [CommandSpec] { subcommandNames.indices.map(subcommand(at:)) }

  public func subcommand(named name: String) -> CommandSpec? {
    subcommandNames.firstIndex(of: name).map(subcommand(at:))
  }

  /// The names follow the declared types in order; a name past them is the built-in `help`.
  private func subcommand(at index: Int) -> CommandSpec {
    guard index < subcommandTypes.count else {
      let declared = Array(subcommandNames.prefix(subcommandTypes.count))
      return Self.helpCommand(parentPath: path, siblings: declared)
    }
    return CommandSpec(subcommandTypes[index], parentPath: path)
  }

  /// This command and every command below it, parents before children.
  public var allCommands: [CommandSpec] {
    [self] + subcommands.flatMap(\.allCommands)
  }

  private static func withBuiltIns(
    _ declared: [ArgumentDefinition], isRoot: Bool, hasVersion: Bool
  ) -> [ArgumentDefinition] {
    var result = declared
    let keys = Set(declared.map(\.key))
    if isRoot, hasVersion, !keys.contains("version") {
      result.append(.flag("version", help: "Show the version and the library versions."))
    }
    if !keys.contains("help") {
      result.append(.flag("help", short: "h", help: "Show help information."))
    }
    return result
  }

  private static func helpCommand(parentPath: [String], siblings names: [String]) -> CommandSpec {
    let configuration = CommandConfiguration(
      commandName: "help", abstract: "Show help for a subcommand.")
    let subject = ArgumentDefinition.positional(
      "SUBCOMMAND", help: "The subcommand to explain.", completion: .choices(names))
    return CommandSpec(
      configuration: configuration, path: parentPath + ["help"],
      arguments: [subject, .flag("help", short: "h", help: "Show help information.")])
  }
}
