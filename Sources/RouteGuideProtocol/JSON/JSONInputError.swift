/// JSON input that does not parse or does not fit the message, with the 1-based line and column.
///
/// Columns count Unicode scalars (characters as an editor shows them), not bytes.
public struct JSONInputError: Error, Hashable, Sendable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var message: String

  public init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String { "\(line):\(column): \(message)" }
}
