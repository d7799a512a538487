/// A latitude-longitude rectangle given by two opposite corners, in any order.
public struct Rectangle: Hashable, Sendable {
  public var lo: Point?
  public var hi: Point?

  public init(lo: Point? = nil, hi: Point? = nil) {
    self.lo = lo
    self.hi = hi
  }
}

extension Rectangle: GRPCMessage {}
