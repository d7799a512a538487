/// The percent coding of `grpc-message` (gRPC over HTTP/2): UTF-8, with bytes outside
/// 0x20...0x7E and `%` itself written as `%XX`.
public enum GRPCMessageCoding {
  /// The header value for a status message.
  public static func percentEncode(_ message: String) -> String {
    guard message.utf8.contains(where: needsEncoding) else { return message }
    var encoded: [UInt8] = []
    encoded.reserveCapacity(message.utf8.count * 3)
    for byte in message.utf8 {
      if needsEncoding(byte) {
        encoded.append(0x25)
        encoded.append(hexDigit(byte >> 4))
        encoded.append(hexDigit(byte & 0x0F))
      } else {
        encoded.append(byte)
      }
    }
    return String(decoding: encoded, as: UTF8.self)
  }

  /// The status message from a header value, leniently: a `%` not followed by two hex digits
  /// stays as it is, and invalid UTF-8 becomes U+FFFD.
  public static func percentDecode(_ value: String) -> String {
    guard value.utf8.contains(0x25) else { return value }
    let input = Array(value.utf8)
    var decoded: [UInt8] = []
    decoded.reserveCapacity(input.count)
    var index = 0
    while index < input.count {
      if input[index] == 0x25, index + 2 < input.count,
        let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2])
      {
        decoded.append(high << 4 | low)
        index += 3
      } else {
        decoded.append(input[index])
        index += 1
      }
    }
    return String(decoding: decoded, as: UTF8.self)
  }

  static func needsEncoding(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte > 0x7E || byte == 0x25
  }

  static func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? 0x30 + nibble : 0x41 + nibble - 10
  }

  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: byte - 0x30
    case 0x41...0x46: byte - 0x41 + 10
    case 0x61...0x66: byte - 0x61 + 10
    default: nil
    }
  }
}
