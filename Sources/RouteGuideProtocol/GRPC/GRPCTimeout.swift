/// The `grpc-timeout` header: at most eight digits and a unit (H, M, S, m, u, n).
public enum GRPCTimeout {
  static let units: [(letter: Character, nanoseconds: UInt64)] = [
    ("n", 1), ("u", 1_000), ("m", 1_000_000), ("S", 1_000_000_000), ("M", 60_000_000_000),
    ("H", 3_600_000_000_000),
  ]
  static let maxValue: UInt64 = 99_999_999

  /// The header value in the finest unit that fits eight digits, rounded up so the peer's
  /// deadline is never earlier than ours.
  public static func encode(nanoseconds: UInt64) -> String {
    for unit in units {
      let quotient = nanoseconds / unit.nanoseconds
      let value = nanoseconds % unit.nanoseconds == 0 ? quotient : quotient + 1
      if value <= maxValue { return "\(value)\(unit.letter)" }
    }
    // UInt64.max nanoseconds is about 5.1 million hours, so the hour unit always fits.
    return "\(maxValue)H"
  }

  /// The timeout in nanoseconds (saturating at UInt64.max); nil unless the value is one to
  /// eight ASCII digits and a unit.
  public static func decode(_ value: String) -> UInt64? {
    let utf8 = Array(value.utf8)
    guard utf8.count >= 2, utf8.count <= 9, let unitByte = utf8.last,
      let unit = units.first(where: { $0.letter.asciiValue == unitByte })
    else { return nil }
    var amount: UInt64 = 0
    for digit in utf8.dropLast() {
      guard digit >= 0x30, digit <= 0x39 else { return nil }
      amount = amount * 10 + UInt64(digit - 0x30)
    }
    let (product, overflow) = amount.multipliedReportingOverflow(by: unit.nanoseconds)
    return overflow ? UInt64.max : product
  }
}
