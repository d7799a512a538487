/// A heading that options are listed under in help and the man page (`TLS OPTIONS`).
public struct ArgumentGroup: Hashable, Sendable {
  /// The heading without the trailing colon, e.g. `TLS OPTIONS`.
  public var title: String

  public init(_ title: String) {
    self.title = title
  }
}
