/// Standard base64 (RFC 4648 §4) for binary metadata: padded out, padded or unpadded in.
public enum Base64 {
  static let alphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  /// The padded encoding of `bytes`.
  public static func encode(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
      let remaining = bytes.count - index
      let b0 = UInt32(bytes[index])
      let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
      let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
      let group = b0 << 16 | b1 << 8 | b2
      out.append(alphabet[Int(group >> 18 & 0x3F)])
      out.append(alphabet[Int(group >> 12 & 0x3F)])
      out.append(remaining > 1 ? alphabet[Int(group >> 6 & 0x3F)] : 0x3D)
      out.append(remaining > 2 ? alphabet[Int(group & 0x3F)] : 0x3D)
      index += 3
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The bytes of `text`, or nil when it is not base64 (a bad character, bad padding, or a
  /// length that no encoding has).
  public static func decode(_ text: String) -> [UInt8]? {
    var symbols = Array(text.utf8)
    if symbols.count % 4 == 0 {
      // Padding is allowed only as the last one or two characters of a whole group.
      if symbols.last == 0x3D { symbols.removeLast() }
      if symbols.last == 0x3D { symbols.removeLast() }
    }
    guard symbols.count % 4 != 1 else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(symbols.count * 3 / 4)
    var group: UInt32 = 0
    for (position, symbol) in symbols.enumerated() {
      guard let value = sextet(symbol) else { return nil }
      group = group << 6 | UInt32(value)
      if position % 4 == 3 {
        out.append(UInt8(truncatingIfNeeded: group >> 16))
        out.append(UInt8(truncatingIfNeeded: group >> 8))
        out.append(UInt8(truncatingIfNeeded: group))
        group = 0
      }
    }
    switch symbols.count % 4 {
    case 2: out.append(UInt8(truncatingIfNeeded: group >> 4))
    case 3:
      out.append(UInt8(truncatingIfNeeded: group >> 10))
      out.append(UInt8(truncatingIfNeeded: group >> 2))
    default: break
    }
    return out
  }

  static func sextet(_ symbol: UInt8) -> UInt8? {
    switch symbol {
    case 0x41...0x5A: symbol - 0x41
    case 0x61...0x7A: symbol - 0x61 + 26
    case 0x30...0x39: symbol - 0x30 + 52
    case 0x2B: 62
    case 0x2F: 63
    default: nil
    }
  }
}
