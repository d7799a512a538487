/// A message sent at a location during RouteChat.
public struct RouteNote: Hashable, Sendable {
  public var location: Point?
  public var message: String

  public init(location: Point? = nil, message: String = "") {
    self.location = location
    self.message = message
  }
}

extension RouteNote: GRPCMessage {}
