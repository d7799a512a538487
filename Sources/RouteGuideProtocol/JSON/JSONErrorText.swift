// Small text helpers for error messages.

/// A string as a JSON literal for messages, cut short when long.
func quoted(_ text: String, limit: Int = 40) -> String {
  var writer = JSONWriter()
  if text.unicodeScalars.count > limit {
    writer.writeString(String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit))) + "…")
  } else {
    writer.writeString(text)
  }
  return String(decoding: writer.bytes, as: UTF8.self)
}

/// Two upper-case hex digits.
func hex2(_ byte: UInt8) -> String {
  (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
}

/// Four upper-case hex digits.
func hex4(_ value: UInt32) -> String {
  let text = String(value, radix: 16, uppercase: true)
  return String(repeating: "0", count: max(0, 4 - text.count)) + text
}

/// `message`, after `path: ` when the error is inside a nested field.
func prefixed(_ path: String, _ message: String) -> String {
  path.isEmpty ? message : "\(path): \(message)"
}

/// The path of field `key` inside the message at `path`.
func joined(_ path: String, _ key: String) -> String {
  path.isEmpty ? key : "\(path).\(key)"
}
