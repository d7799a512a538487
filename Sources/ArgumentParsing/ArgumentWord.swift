/// One command-line word, or the value part of one, as the bytes given, with its text.
///
/// argv is bytes, and Swift's `CommandLine.arguments` replaces invalid UTF-8 with U+FFFD: a
/// value that is data (`-d` JSON, a `-bin` header) would silently change. The parser keeps the
/// bytes; `text` (invalid UTF-8 as U+FFFD) serves names, help and everything that reads text.
public struct ArgumentWord: Hashable, Sendable, ExpressibleByStringLiteral,
  CustomStringConvertible
{
  public let bytes: [UInt8]
  public let text: String

  public init(bytes: some Sequence<UInt8>) {
    self.bytes = Array(bytes)
    text = String(decoding: self.bytes, as: UTF8.self)
  }

  public init(_ text: String) {
    bytes = Array(text.utf8)
    self.text = text
  }

  public init(stringLiteral text: String) {
    self.init(text)
  }

  public var description: String { text }

  /// The first byte that is not part of valid UTF-8, with its 1-based position; nil when the
  /// bytes are valid UTF-8.
  public var invalidByte: (position: Int, byte: UInt8)? {
    Self.invalidByte(in: bytes)
  }

  /// Why the bytes are not UTF-8, e.g. `byte 0xFF at position 3 is not UTF-8`; nil when
  /// they are.
  public var notUTF8Reason: String? {
    invalidByte.map { "byte 0x\(Self.hex($0.byte)) at position \($0.position) is not UTF-8" }
  }

  /// The first byte of `bytes` that is not part of valid UTF-8, with its 1-based position.
  public static func invalidByte(in bytes: [UInt8]) -> (position: Int, byte: UInt8)? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let scalar): offset += scalar.count
      case .emptyInput: return nil
      case .error: return (offset + 1, bytes[offset])
      }
    }
  }

  /// The text for messages: invalid bytes written as `\xFF`, so the message shows what was
  /// given rather than U+FFFD.
  public var shown: String {
    var result = ""
    var rest = bytes[...]
    while let bad = Self.invalidByte(in: Array(rest)) {
      let cut = rest.startIndex + bad.position - 1
      result += String(decoding: rest[..<cut], as: UTF8.self)
      result += "\\x" + Self.hex(bad.byte)
      rest = rest[(cut + 1)...]
    }
    return result + String(decoding: rest, as: UTF8.self)
  }

  /// `FF`: two upper-case hex digits.
  static func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
  }
}
