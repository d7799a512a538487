import Glibc
import RouteGuideProtocol

/// Great-circle distances between E7 points, as the tutorial servers compute them.
public enum RouteDistance {
  /// The mean Earth radius the tutorial uses, in metres.
  public static let earthRadius = 6_371_000.0
  static let coordinateFactor = 1e7

  /// The haversine distance in metres, unrounded; callers sum these before truncating so that
  /// a long route of short hops does not lose a metre per hop.
  public static func metres(from start: Point, to end: Point) -> Double {
    // Same operation order as the Python tutorial server, so results agree to the metre.
    let lat1 = radians(Double(start.latitude) / coordinateFactor)
    let lat2 = radians(Double(end.latitude) / coordinateFactor)
    // Differences in Double: in Int32 they could overflow (Int32.max - Int32.min).
    let deltaLat = radians((Double(end.latitude) - Double(start.latitude)) / coordinateFactor)
    let deltaLon = radians((Double(end.longitude) - Double(start.longitude)) / coordinateFactor)
    let a = pow(sin(deltaLat / 2), 2) + cos(lat1) * cos(lat2) * pow(sin(deltaLon / 2), 2)
    let c = 2 * atan2(a.squareRoot(), (1 - a).squareRoot())
    return earthRadius * c
  }

  /// Whole metres for the wire: truncated, and saturated at Int32.max instead of wrapping.
  public static func wireMetres(_ metres: Double) -> Int32 {
    guard metres.isFinite, metres > 0 else { return 0 }
    return metres >= Double(Int32.max) ? Int32.max : Int32(metres)
  }

  private static func radians(_ degrees: Double) -> Double {
    // Python's math.radians multiplies by the constant pi/180; do the same, bit for bit.
    degrees * (Double.pi / 180)
  }
}
