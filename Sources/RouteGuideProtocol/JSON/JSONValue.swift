/// One parsed JSON value with the line and column of its first character.
public struct JSONValue: Hashable, Sendable {
  /// What the value is; numbers keep their exact source text (already checked against RFC 8259).
  public enum Kind: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])
  }

  public var kind: Kind
  public var line: Int
  public var column: Int

  public init(_ kind: Kind, line: Int, column: Int) {
    self.kind = kind
    self.line = line
    self.column = column
  }

  /// "a string", "an object", ...: for error messages.
  public var kindDescription: String {
    switch kind {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }

  /// An error located at this value.
  public func error(_ message: String) -> JSONInputError {
    JSONInputError(line: line, column: column, message: message)
  }
}

/// One `"key": value` member of a JSON object; the position is that of the key.
public struct JSONMember: Hashable, Sendable {
  public var key: String
  public var line: Int
  public var column: Int
  public var value: JSONValue

  public init(key: String, line: Int, column: Int, value: JSONValue) {
    self.key = key
    self.line = line
    self.column = column
    self.value = value
  }

  /// An error located at this member's key.
  public func error(_ message: String) -> JSONInputError {
    JSONInputError(line: line, column: column, message: message)
  }
}
