/// A database file that cannot be read or is not an array of features: names the file and,
/// for bad content, the line and column (`routes.json:3:14: ...`).
public struct FeatureDatabaseError: Error, Hashable, Sendable, CustomStringConvertible {
  public var path: String
  /// 1-based position of bad content; nil when the file could not be read at all.
  public var line: Int?
  public var column: Int?
  public var message: String

  public init(path: String, line: Int? = nil, column: Int? = nil, message: String) {
    self.path = path
    self.line = line
    self.column = column
    self.message = message
  }

  public var description: String {
    guard let line, let column else { return "\(path): \(message)" }
    return "\(path):\(line):\(column): \(message)"
  }
}
