/// A compact JSON writer appending to a byte buffer. Strings are escaped as Python's json module
/// does with `ensure_ascii=False` (what json_format and grpcurl users see): `\"`, `\\`, `\n`,
/// `\r`, `\t`, `\b`, `\f`, other control characters as `\u00xx`, everything else raw UTF-8.
public struct JSONWriter: Sendable {
  public var bytes: [UInt8]
  /// Whether the next key needs a comma before it (a value was written at this level).
  var needsComma = false

  public init(bytes: [UInt8] = []) {
    self.bytes = bytes
  }

  public mutating func beginObject() {
    bytes.append(UInt8(ascii: "{"))
    needsComma = false
  }

  public mutating func endObject() {
    bytes.append(UInt8(ascii: "}"))
    needsComma = true
  }

  /// Writes `"key":` (with a comma first when a member precedes it).
  public mutating func writeKey(_ key: String) {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
    writeString(key)
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  /// Writes a field's `"name":` (names need no escaping).
  mutating func writeKey(_ field: JSONFieldTable.Field, _ options: JSONMappingOptions) {
    let name = options.protoNames ? field.proto : field.json
    if needsComma { bytes.append(UInt8(ascii: ",")) }
    bytes.append(UInt8(ascii: "\""))
    bytes.append(
      contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  public mutating func writeNull() {
    bytes.append(contentsOf: [
      UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l"),
    ])
    needsComma = true
  }

  public mutating func writeBool(_ value: Bool) {
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
    needsComma = true
  }

  /// Appends the decimal digits straight into the buffer.
  public mutating func writeInt32(_ value: Int32) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var count = 1
    var probe = magnitude
    while probe >= 10 {
      probe /= 10
      count += 1
    }
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { digits in
      var index = count - 1
      repeat {
        digits[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
        magnitude /= 10
        index -= 1
      } while magnitude > 0
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[..<count]))
    }
    needsComma = true
  }

  public mutating func writeString(_ text: String) {
    var text = text
    text.withUTF8 { appendEscaped($0) }
    needsComma = true
  }

  /// Appends a quoted string; runs that need no escaping are copied in one go.
  mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
    bytes.append(UInt8(ascii: "\""))
    var runStart = 0
    for index in 0..<utf8.count {
      let byte = utf8[index]
      guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
        continue
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
      appendEscape(byte)
      runStart = index + 1
    }
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    bytes.append(UInt8(ascii: "\""))
  }

  private mutating func appendEscape(_ byte: UInt8) {
    let short: UInt8
    switch byte {
    case UInt8(ascii: "\""): short = UInt8(ascii: "\"")
    case UInt8(ascii: "\\"): short = UInt8(ascii: "\\")
    case 0x0A: short = UInt8(ascii: "n")
    case 0x0D: short = UInt8(ascii: "r")
    case 0x09: short = UInt8(ascii: "t")
    case 0x08: short = UInt8(ascii: "b")
    case 0x0C: short = UInt8(ascii: "f")
    default:
      let hex = Array("0123456789abcdef".utf8)
      bytes.append(contentsOf: "\\u00".utf8)
      bytes.append(hex[Int(byte >> 4)])
      bytes.append(hex[Int(byte & 0xF)])
      return
    }
    bytes.append(UInt8(ascii: "\\"))
    bytes.append(short)
  }
}
