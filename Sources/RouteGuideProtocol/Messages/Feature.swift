/// A named thing at a location; an empty name means nothing is known there.
public struct Feature: Hashable, Sendable {
  public var name: String
  public var location: Point?

  public init(name: String = "", location: Point? = nil) {
    self.name = name
    self.location = location
  }
}

extension Feature: GRPCMessage {}
