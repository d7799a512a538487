extension Metadata {
  /// Parses a `-H 'Name: value'` argument into a wire header: the name lower-cased and checked,
  /// the value trimmed; a `-bin` name takes its value as raw text and sends it base64-encoded.
  public static func parseHeaderArgument(_ text: String) throws(MetadataError)
    -> (name: String, value: String)
  {
    if text.utf8.first == 0x3A {
      throw MetadataError(
        "'\(text)': pseudo-headers are set by rg (use --authority for :authority)")
    }
    guard let colon = text.utf8.firstIndex(of: 0x3A), colon != text.utf8.startIndex else {
      throw MetadataError("expected 'name: value', got '\(text)'")
    }
    let name = try headerName(trimmed(text.utf8[..<colon]))
    let value = trimmed(text.utf8[text.utf8.index(after: colon)...])
    if isBinary(name) {
      return (name, Base64.encode(Array(value)))
    }
    try validateValue(value, name: name)
    return (name, String(decoding: value, as: UTF8.self))
  }

  /// The name lower-cased, if it is a legal and unreserved metadata name.
  static func headerName(_ raw: Substring.UTF8View) throws(MetadataError) -> String {
    guard !raw.isEmpty else { throw MetadataError("empty header name") }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(raw.count)
    for byte in raw {
      let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
      guard isNameByte(lower) else {
        let shown = String(decoding: raw, as: UTF8.self)
        throw MetadataError(
          "invalid header name '\(shown)': only 0-9 a-z - _ . are allowed (upper case is lowered)")
      }
      bytes.append(lower)
    }
    let name = String(decoding: bytes, as: UTF8.self)
    if let reason = reservation(of: name) {
      throw MetadataError("header '\(name)' is reserved: \(reason)")
    }
    return name
  }

  static func validateValue(_ value: Substring.UTF8View, name: String) throws(MetadataError) {
    for (position, byte) in value.enumerated() where byte < 0x20 || byte > 0x7E {
      throw MetadataError(
        "value of header '\(name)' has a non-printable or non-ASCII byte at position "
          + "\(position + 1) (use a name ending in -bin for binary values)")
    }
  }

  static func isNameByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x61...0x7A, 0x2D, 0x5F, 0x2E: true
    default: false
    }
  }

  /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
  static func trimmed(_ utf8: Substring.UTF8View) -> Substring.UTF8View {
    let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
    guard let first = utf8.firstIndex(where: { !isSpace($0) }),
      let last = utf8.lastIndex(where: { !isSpace($0) })
    else { return utf8[utf8.endIndex...] }
    return utf8[first...last]
  }
}
