/// Reads byte sizes: a whole number of bytes (`4194304`) or one with a binary suffix (`512K`,
/// `4M`, `1G`; K = 1024), case-insensitive, optionally followed by `B` or `iB`.
enum ByteSizeParser {
  /// The largest size a gRPC length prefix can state.
  static let maximum = Int(UInt32.max)

  static func parse(_ text: String) throws(OptionValueError) -> Int {
    guard !text.isEmpty else { throw OptionValueError("a size cannot be empty") }
    if text.hasPrefix("-") { throw OptionValueError("a size cannot be negative") }
    let digits = text.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty else {
      throw OptionValueError("expected a number of bytes, optionally with K, M or G (like 4M)")
    }
    let multiplier = try multiplier(for: String(text.dropFirst(digits.count)))
    let tooLarge = OptionValueError("a size must be at most \(maximum) bytes (4G - 1)")
    guard let count = Int(digits) else { throw tooLarge }
    let (bytes, overflow) = count.multipliedReportingOverflow(by: multiplier)
    guard !overflow, bytes <= maximum else { throw tooLarge }
    guard bytes > 0 else { throw OptionValueError("a size must be greater than 0") }
    return bytes
  }

  private static func multiplier(for suffix: String) throws(OptionValueError) -> Int {
    var unit = suffix.lowercased()
    if unit.hasSuffix("ib") && unit.count == 3 {
      unit.removeLast(2)
    } else if unit.hasSuffix("b") {
      unit.removeLast()
    }
    switch unit {
    case "": return 1
    case "k": return 1 << 10
    case "m": return 1 << 20
    case "g": return 1 << 30
    default:
      if suffix.hasPrefix(".") { throw OptionValueError("a size must be a whole number") }
      throw OptionValueError("unknown unit '\(suffix)' (use K, M or G)")
    }
  }
}
