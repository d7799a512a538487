/// Descriptors that do not index: a file that does not parse, a missing import, a name
/// defined twice.
public struct ReflectionIndexError: Error, CustomStringConvertible {
  public let description: String

  init(_ description: String) {
    self.description = description
  }
}
