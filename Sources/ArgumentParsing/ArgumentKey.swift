/// An option or positional together with how its value is read: code reads values through
/// keys, so a misspelt or undeclared argument is a compile error, not a runtime trap.
public struct OptionKey<Value>: Sendable {
  public let definition: ArgumentDefinition
  let read: @Sendable (ArgumentWord) throws -> Value

  /// A value read from its text (invalid UTF-8 is refused before `parse` sees it).
  public init(
    _ definition: ArgumentDefinition, parse: @escaping @Sendable (String) throws -> Value
  ) {
    self.definition = definition
    read = { word in
      if let reason = word.notUTF8Reason { throw ValidationError(reason) }
      return try parse(word.text)
    }
  }

  /// A value read from the bytes given (`definition.acceptsBytes`): data such as `-d` JSON.
  public init(
    _ definition: ArgumentDefinition, parseBytes: @escaping @Sendable ([UInt8]) throws -> Value
  ) {
    self.definition = definition
    read = { word in try parseBytes(word.bytes) }
  }
}

extension OptionKey where Value == String {
  /// A value used as the text given.
  public init(_ definition: ArgumentDefinition) {
    self.init(definition) { $0 }
  }
}

/// A flag: present or not.
public struct FlagKey: Sendable {
  public let definition: ArgumentDefinition

  public init(_ definition: ArgumentDefinition) {
    self.definition = definition
  }
}

extension ParsedValues {
  /// The effective value (command line, else environment, else default), read by the key; a
  /// reading error becomes a usage error naming the argument and the text.
  public func value<Value>(_ key: OptionKey<Value>) throws(ValidationError) -> Value? {
    guard let (word, source) = resolved(key.definition.key) else { return nil }
    return try Self.convert(word, word, source: source, definition: key.definition, key.read)
  }

  /// Every value given on the command line, in order (for repeatable options).
  public func values<Value>(_ key: OptionKey<Value>) throws(ValidationError) -> [Value] {
    var result: [Value] = []
    for word in given[key.definition.key] ?? [] {
      result.append(
        try Self.convert(word, word, source: .commandLine, definition: key.definition, key.read))
    }
    return result
  }

  /// Whether the option appeared on the command line.
  public func isPresent<Value>(_ key: OptionKey<Value>) -> Bool {
    isPresent(key.definition.key)
  }

  public func flag(_ key: FlagKey) -> Bool {
    isPresent(key.definition.key)
  }
}
