/// A `-H/--header` argument that cannot be sent as gRPC metadata, with the reason.
public struct MetadataError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) {
    self.message = message
  }

  public var description: String { message }
}
