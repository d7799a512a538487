import RouteGuideProtocol

/// RouteGuide's E7 integers (degrees × 10^7) as GeoJSON positions: `[longitude, latitude]`,
/// written as exact decimals (`-74.6188906`, never `-74.61889060000001`).
enum GeoJSONCoordinates {
  /// Whether the point lies on the globe RFC 7946 describes.
  static func isValid(_ point: Point) -> Bool {
    abs(Int64(point.latitude)) <= 900_000_000 && abs(Int64(point.longitude)) <= 1_800_000_000
  }

  /// `[lon,lat]`.
  static func appendPosition(_ point: Point, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "["))
    appendDegrees(point.longitude, to: &bytes)
    bytes.append(UInt8(ascii: ","))
    appendDegrees(point.latitude, to: &bytes)
    bytes.append(UInt8(ascii: "]"))
  }

  /// The E7 value in degrees, without trailing zeros (and without the point when whole).
  static func appendDegrees(_ e7: Int32, to bytes: inout [UInt8]) {
    if e7 < 0 { bytes.append(UInt8(ascii: "-")) }
    let magnitude = e7.magnitude
    appendDigits(magnitude / 10_000_000, to: &bytes)
    var fraction = magnitude % 10_000_000
    guard fraction != 0 else { return }
    var digits = 7
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    bytes.append(UInt8(ascii: "."))
    var divisor: UInt32 = 1
    for _ in 1..<digits { divisor *= 10 }
    while divisor > 0 {
      bytes.append(UInt8(ascii: "0") + UInt8((fraction / divisor) % 10))
      divisor /= 10
    }
  }

  private static func appendDigits(_ value: UInt32, to bytes: inout [UInt8]) {
    if value >= 10 { appendDigits(value / 10, to: &bytes) }
    bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
  }
}
