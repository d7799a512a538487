/// The values one command's arguments were given, read through typed keys (ArgumentKey.swift).
///
/// A value comes from the command line, else the argument's environment variable, else its
/// declared default. An empty variable counts as unset, as `VAR= command` means to Unix tools.
public struct ParsedValues: Sendable {
  /// Where a value came from, so errors can name it.
  public enum Source: Hashable, Sendable {
    case commandLine
    case environment(String)
    case defaultValue
  }

  public let definitions: [ArgumentDefinition]
  /// Values given on the command line, in order, as the bytes given; a flag stores an empty
  /// value per occurrence.
  var given: [String: [ArgumentWord]]
  /// Values of declared environment variables that were set.
  var environment: [String: String]

  public init(
    definitions: [ArgumentDefinition], given: [String: [String]] = [:],
    environment: [String: String] = [:]
  ) {
    self.init(
      definitions: definitions, words: given.mapValues { $0.map { ArgumentWord($0) } },
      environment: environment)
  }

  /// Values given as words, with the bytes of each.
  public init(
    definitions: [ArgumentDefinition], words: [String: [ArgumentWord]],
    environment: [String: String] = [:]
  ) {
    self.definitions = definitions
    given = words
    self.environment = environment
  }

  /// Whether the argument appeared on the command line.
  func isPresent(_ key: String) -> Bool {
    !(given[definition(key).key] ?? []).isEmpty
  }

  /// How many times a flag or option appeared on the command line.
  func count(_ key: String) -> Int {
    given[definition(key).key]?.count ?? 0
  }

  func flag(_ key: String) -> Bool { isPresent(key) }

  /// The effective text value: the last one given, else the environment, else the default.
  func string(_ key: String) -> String? {
    resolved(key)?.word.text
  }

  /// Every value given on the command line, in order (for repeatable options).
  func strings(_ key: String) -> [String] {
    (given[definition(key).key] ?? []).map(\.text)
  }

  /// The effective value as the bytes given (for an argument that `acceptsBytes`; text
  /// arguments are UTF-8 anyway).
  func bytes(_ key: String) -> [UInt8]? {
    resolved(key)?.word.bytes
  }

  /// Every value given on the command line as the bytes given, in order.
  func allBytes(_ key: String) -> [[UInt8]] {
    (given[definition(key).key] ?? []).map(\.bytes)
  }

  /// Where the effective value of `key` came from; nil when it has none.
  func source(_ key: String) -> Source? {
    resolved(key)?.source
  }

  func resolved(_ key: String) -> (word: ArgumentWord, source: Source)? {
    let definition = definition(key)
    if let last = given[definition.key]?.last { return (last, .commandLine) }
    if let name = definition.environmentVariable, let value = environment[definition.key],
      !value.isEmpty
    {
      return (ArgumentWord(value), .environment(name))
    }
    if let value = definition.defaultValue { return (ArgumentWord(value), .defaultValue) }
    return nil
  }

  /// The declaration of `key`; asking for an undeclared key is a programming error.
  func definition(_ key: String) -> ArgumentDefinition {
    guard let found = definitions.first(where: { $0.key == key }) else {
      preconditionFailure("argument '\(key)' is not declared")
    }
    return found
  }
}

extension ParsedValues {
  /// These values with the command-line words of the argument `from` given to `to` instead:
  /// for optional positionals told apart by their text (`rg describe SYMBOL`, the address
  /// then coming from the environment or the default).
  public func moving(_ from: ArgumentDefinition, to: ArgumentDefinition) -> ParsedValues {
    var moved = self
    moved.given[to.key] = given[from.key]
    moved.given[from.key] = nil
    return moved
  }
}
