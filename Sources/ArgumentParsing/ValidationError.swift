/// A usage error found while reading or checking values; printed as `rg: <message>` with the
/// usage line, exit status 2.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}
