/// A cursor over buffered input for `MessageReader`'s allocation-free path. It accepts only the
/// plain forms — keys and strings without escapes, integers without fraction or exponent, no
/// null — and gives up (nil) on anything else, including running out of bytes; the general path
/// then reads the same value and reports any error.
public struct JSONFastScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  @usableFromInline var index = 0
  var newlines = 0
  /// Index just after the last newline consumed, or -1.
  var lastLineStart = -1
  /// UTF-8 continuation bytes consumed since `lastLineStart` (or since the start).
  var continuations = 0
  /// Newlines skipped before the value itself began (the first `{`).
  @usableFromInline var newlinesBeforeValue = 0
  private var valueBegan = false

  @usableFromInline
  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  /// Skips whitespace; false when the bytes ran out.
  mutating func skipWhitespace() -> Bool {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0D:
        index += 1
      case 0x0A:
        index += 1
        newlines += 1
        lastLineStart = index
        continuations = 0
      default:
        return true
      }
    }
    return false
  }

  /// Consumes `{`; true when the object is empty (`}` consumed too), false when members follow.
  mutating func beginObject() -> Bool? {
    guard skipWhitespace(), bytes[index] == UInt8(ascii: "{") else { return nil }
    if !valueBegan {
      valueBegan = true
      newlinesBeforeValue = newlines
    }
    index += 1
    guard skipWhitespace() else { return nil }
    guard bytes[index] == UInt8(ascii: "}") else { return false }
    index += 1
    return true
  }

  /// After a member: true after `,` (another member follows), false after `}`.
  mutating func endOfMember() -> Bool? {
    guard skipWhitespace() else { return nil }
    switch bytes[index] {
    case UInt8(ascii: ","):
      index += 1
      return true
    case UInt8(ascii: "}"):
      index += 1
      return false
    default:
      return nil
    }
  }

  /// Reads `"key":` and finds the field it names; nil when unknown, escaped or seen before.
  mutating func field(in table: JSONFieldTable, seen: inout UInt32) -> Int? {
    guard skipWhitespace(), bytes[index] == UInt8(ascii: "\"") else { return nil }
    let start = index + 1
    var end = start
    while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") {
      end += 1
    }
    guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
    let key = UnsafeBufferPointer(rebasing: bytes[start..<end])
    var found: Int?
    for (index, field) in table.fields.enumerated() where field.matches(key) {
      found = index
      break
    }
    guard let field = found else { return nil }
    let bit: UInt32 = 1 << UInt32(field)
    guard seen & bit == 0 else { return nil }
    seen |= bit
    index = end + 1
    guard skipWhitespace(), bytes[index] == UInt8(ascii: ":") else { return nil }
    index += 1
    return field
  }

  /// A plain integer in int32 range, followed by a delimiter.
  mutating func int32() -> Int32? {
    guard skipWhitespace() else { return nil }
    let negative = bytes[index] == UInt8(ascii: "-")
    var cursor = negative ? index + 1 : index
    let digitsStart = cursor
    var magnitude: Int64 = 0
    while cursor < bytes.count, bytes[cursor] &- UInt8(ascii: "0") < 10, cursor - digitsStart < 11 {
      magnitude = magnitude * 10 + Int64(bytes[cursor] - UInt8(ascii: "0"))
      cursor += 1
    }
    let digitCount = cursor - digitsStart
    guard digitCount > 0, digitCount < 11, cursor < bytes.count else { return nil }
    guard digitCount == 1 || bytes[digitsStart] != UInt8(ascii: "0") else { return nil }
    switch bytes[cursor] {
    case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "}"): break
    default: return nil
    }
    guard let value = Int32(exactly: negative ? -magnitude : magnitude) else { return nil }
    index = cursor
    return value
  }

  /// A string without escapes or control characters, in valid UTF-8.
  mutating func string() -> String? {
    guard skipWhitespace(), bytes[index] == UInt8(ascii: "\"") else { return nil }
    let start = index + 1
    var cursor = start
    var extra = 0
    while cursor < bytes.count {
      let byte = bytes[cursor]
      if byte == UInt8(ascii: "\"") { break }
      if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
      if byte < 0x80 {
        cursor += 1
        continue
      }
      guard case .valid(let length) = JSONUTF8.check(bytes, at: cursor) else { return nil }
      extra += length - 1
      cursor += length
    }
    guard cursor < bytes.count else { return nil }
    continuations += extra
    index = cursor + 1
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<cursor]), as: UTF8.self)
  }
}
