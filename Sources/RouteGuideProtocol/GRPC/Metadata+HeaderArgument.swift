extension Metadata {
  /// Parses a `-H 'Name: value'` argument into a wire header: the name lower-cased and checked,
  /// the value trimmed; a `-bin` name takes its value as raw bytes and sends them base64-encoded.
  public static func parseHeaderArgument(_ text: String) throws(MetadataError)
    -> (name: String, value: String)
  {
    try parseHeaderArgument(Array(text.utf8))
  }

  /// Parses a `-H` argument given as the bytes of argv: a `-bin` value is sent as exactly
  /// these bytes (base64-encoded), whether or not they are UTF-8; any other value must be
  /// printable ASCII.
  public static func parseHeaderArgument(_ argument: [UInt8]) throws(MetadataError)
    -> (name: String, value: String)
  {
    if argument.first == 0x3A {
      throw MetadataError(
        "'\(shown(argument[...]))': pseudo-headers are set by rg (use --authority for :authority)"
      )
    }
    guard let colon = argument.firstIndex(of: 0x3A), colon != argument.startIndex else {
      throw MetadataError("expected 'name: value', got '\(shown(argument[...]))'")
    }
    let name = try headerName(trimmed(argument[..<colon]))
    let value = trimmed(argument[(colon + 1)...])
    if isBinary(name) {
      return (name, Base64.encode(Array(value)))
    }
    try validateValue(value, name: name)
    return (name, String(decoding: value, as: UTF8.self))
  }

  /// The name lower-cased, if it is a legal and unreserved metadata name.
  static func headerName(_ raw: ArraySlice<UInt8>) throws(MetadataError) -> String {
    guard !raw.isEmpty else { throw MetadataError("empty header name") }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(raw.count)
    for byte in raw {
      let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
      guard isNameByte(lower) else {
        throw MetadataError(
          "invalid header name '\(shown(raw))': only 0-9 a-z - _ . are allowed (upper case is "
            + "lowered)")
      }
      bytes.append(lower)
    }
    let name = String(decoding: bytes, as: UTF8.self)
    if let reason = reservation(of: name) {
      throw MetadataError("header '\(name)' is reserved: \(reason)")
    }
    return name
  }

  static func validateValue(_ value: ArraySlice<UInt8>, name: String) throws(MetadataError) {
    for (position, byte) in value.enumerated() where byte < 0x20 || byte > 0x7E {
      throw MetadataError(
        "value of header '\(name)' has a non-printable or non-ASCII byte 0x\(hex2(byte)) at "
          + "position \(position + 1) (use a name ending in -bin for binary values)")
    }
  }

  static func isNameByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x61...0x7A, 0x2D, 0x5F, 0x2E: true
    default: false
    }
  }

  /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
  static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
    guard let first = bytes.firstIndex(where: { !isSpace($0) }),
      let last = bytes.lastIndex(where: { !isSpace($0) })
    else { return bytes[bytes.endIndex...] }
    return bytes[first...last]
  }

  /// Argument bytes as text for a message (invalid UTF-8 as U+FFFD).
  static func shown(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self)
  }
}
