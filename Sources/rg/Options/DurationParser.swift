/// Reads durations as typed on the command line: `250ms`, `5s`, `1.5s`, `1m`, `1h`, or plain
/// seconds (`3`).
enum DurationParser {
  /// Nanoseconds per unit, longest suffix first so `ms` is not read as `m`.
  static let units: [(suffix: String, nanoseconds: UInt64)] = [
    ("ns", 1), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
    ("m", 60_000_000_000), ("h", 3_600_000_000_000),
  ]

  /// The duration in nanoseconds; zero, negative, fractional nanoseconds that round to nothing,
  /// unknown units and garbage are rejected with the reason.
  static func parse(_ text: String) throws(OptionValueError) -> UInt64 {
    guard !text.isEmpty else { throw OptionValueError("a duration cannot be empty") }
    if text.hasPrefix("-") { throw OptionValueError("a duration cannot be negative") }
    let number = text.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
    let suffix = String(text.dropFirst(number.count))
    guard !number.isEmpty else {
      throw OptionValueError("expected a number with an optional unit, like 250ms, 5s, 1m or 1h")
    }
    let scale: UInt64
    if suffix.isEmpty {
      scale = 1_000_000_000
    } else if let unit = units.first(where: { $0.suffix == suffix }) {
      scale = unit.nanoseconds
    } else {
      throw OptionValueError("unknown unit '\(suffix)' (use ms, s, m or h)")
    }
    let nanoseconds = try scaled(String(number), by: scale)
    guard nanoseconds > 0 else { throw OptionValueError("a duration must be greater than 0") }
    return nanoseconds
  }

  /// `whole.fraction` times `scale`, exactly, in integers.
  private static func scaled(_ number: String, by scale: UInt64) throws(OptionValueError) -> UInt64
  {
    let parts = number.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, let wholeText = parts.first, !(parts.count == 2 && parts[1].isEmpty)
    else {
      throw OptionValueError("'\(number)' is not a number")
    }
    let tooLarge = OptionValueError("a duration must be less than 100000 hours")
    guard let whole = UInt64(wholeText.isEmpty ? "0" : wholeText) else { throw tooLarge }
    let (product, overflow) = whole.multipliedReportingOverflow(by: scale)
    guard !overflow, product < 100_000 * 3_600_000_000_000 else { throw tooLarge }
    guard parts.count == 2 else { return product }
    var fraction: UInt64 = 0
    var unit = scale
    for digit in parts[1].prefix(18) {
      unit /= 10
      fraction += UInt64(digit.wholeNumberValue ?? 0) * unit
    }
    return product + fraction
  }
}
