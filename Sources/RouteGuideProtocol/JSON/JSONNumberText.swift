/// The RFC 8259 number grammar and the exact conversion of number text to int32.
enum JSONNumberText {
  /// Why `text` is not a JSON number (": leading zeros are not allowed", or "" when just
  /// malformed), or nil when it is one.
  static func problem(in text: UnsafeBufferPointer<UInt8>) -> String? {
    var index = 0
    let count = text.count
    func digits() -> Int {
      let start = index
      while index < count, text[index] &- UInt8(ascii: "0") < 10 { index += 1 }
      return index - start
    }
    guard count > 0 else { return "" }
    if text[0] == UInt8(ascii: "+") { return ": a leading '+' is not allowed" }
    if text[index] == UInt8(ascii: "-") { index += 1 }
    let integerStart = index
    guard digits() > 0 else { return "" }
    if text[integerStart] == UInt8(ascii: "0"), index - integerStart > 1 {
      return ": leading zeros are not allowed"
    }
    if index < count, text[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { return "" }
    }
    if index < count, text[index] | 0x20 == UInt8(ascii: "e") {
      index += 1
      if index < count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
        index += 1
      }
      guard digits() > 0 else { return "" }
    }
    return index == count ? nil : ""
  }

  enum Int32Conversion: Equatable {
    case value(Int32)
    case notInteger
    case outOfRange
  }

  /// The exact value of valid number text as int32. Decided on the decimal digits, not through
  /// a double, so `1.00000000000000001` is a fraction and `1e999999999` costs nothing.
  static func int32(_ text: UnsafeBufferPointer<UInt8>) -> Int32Conversion {
    let parts = Parts(text)
    guard let first = parts.firstNonZero else { return .value(0) }
    // value = digits[first...last] * 10^scale
    let scale = parts.exponent - parts.fractionDigits + (parts.digitCount - 1 - parts.lastNonZero)
    guard scale >= 0 else { return .notInteger }
    let significant = parts.lastNonZero - first + 1
    guard significant + scale <= 10 else { return .outOfRange }
    var magnitude: Int64 = 0
    for position in first...parts.lastNonZero {
      magnitude = magnitude * 10 + Int64(parts.digit(at: position))
    }
    for _ in 0..<scale { magnitude *= 10 }
    let value = parts.isNegative ? -magnitude : magnitude
    guard let result = Int32(exactly: value) else { return .outOfRange }
    return .value(result)
  }

  /// The pieces of valid number text: digits of the integer and fraction parts as one run.
  private struct Parts {
    let text: UnsafeBufferPointer<UInt8>
    var isNegative = false
    var integerStart = 0
    var integerDigits = 0
    var fractionDigits = 0
    var exponent = 0
    var firstNonZero: Int?
    var lastNonZero = 0

    var digitCount: Int { integerDigits + fractionDigits }

    init(_ text: UnsafeBufferPointer<UInt8>) {
      self.text = text
      var index = 0
      if text[0] == UInt8(ascii: "-") {
        isNegative = true
        index = 1
      }
      integerStart = index
      while index < text.count, text[index] &- UInt8(ascii: "0") < 10 { index += 1 }
      integerDigits = index - integerStart
      if index < text.count, text[index] == UInt8(ascii: ".") {
        index += 1
        let start = index
        while index < text.count, text[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        fractionDigits = index - start
      }
      if index < text.count { exponent = Self.exponent(text, from: index + 1) }
      for position in 0..<digitCount where digit(at: position) != 0 {
        if firstNonZero == nil { firstNonZero = position }
        lastNonZero = position
      }
    }

    /// The digit at `position` in the integer-then-fraction run (skipping the dot).
    func digit(at position: Int) -> UInt8 {
      let offset = position < integerDigits ? position : position + 1
      return text[integerStart + offset] - UInt8(ascii: "0")
    }

    /// The exponent after `e`, saturated far beyond anything that could still fit an int32.
    static func exponent(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
      var index = start
      var negative = false
      if text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
        negative = text[index] == UInt8(ascii: "-")
        index += 1
      }
      var value = 0
      while index < text.count {
        value = min(value * 10 + Int(text[index] - UInt8(ascii: "0")), 1 << 40)
        index += 1
      }
      return negative ? -value : value
    }
  }
}
