import RouteGuideProtocol

/// The route a client-streaming call sends, as its LineString is written: the first point is
/// held until a second one makes it a line (RFC 7946 wants two positions at least).
struct GeoJSONRoute {
  /// What adding a point did.
  enum Step {
    /// Not written yet (the first point, or a point off the globe, which is left out).
    case held
    /// The second point: the LineString opens with both.
    case opened(Point, Point)
    /// A later point: one more position.
    case continued
  }

  private(set) var first: Point?
  private(set) var isOpen = false

  /// Whether any point was sent.
  var hasPoints: Bool { first != nil }

  mutating func add(_ point: Point) -> Step {
    guard GeoJSONCoordinates.isValid(point) else { return .held }
    guard let first else {
      self.first = point
      return .held
    }
    if isOpen { return .continued }
    isOpen = true
    return .opened(first, point)
  }
}
