extension JSONReader {
  /// Scans the number token at `position`, checked against the RFC 8259 grammar.
  mutating func scanNumber() throws(JSONInputError) -> ValueStart {
    guard let end = tokenEnd(isPart: Self.isNumberByte) else { return .needMore }
    let problem = buffer.withUnsafeBufferPointer {
      JSONNumberText.problem(in: UnsafeBufferPointer(rebasing: $0[position..<end]))
    }
    if let problem { throw errorHere("invalid number \(tokenText(to: end))\(problem)") }
    let value = JSONValue(
      .number(String(decoding: buffer[position..<end], as: UTF8.self)), line: line,
      column: columnHere)
    position = end
    return .scalar(value)
  }

  /// Scans `true`, `false` or `null`.
  mutating func scanLiteral() throws(JSONInputError) -> ValueStart {
    guard let end = tokenEnd(isPart: Self.isWordByte) else { return .needMore }
    let word = buffer[position..<end]
    let kind: JSONValue.Kind
    if word.elementsEqual("true".utf8) {
      kind = .bool(true)
    } else if word.elementsEqual("false".utf8) {
      kind = .bool(false)
    } else if word.elementsEqual("null".utf8) {
      kind = .null
    } else {
      throw errorHere("invalid literal \(tokenText(to: end)) (expected true, false or null)")
    }
    let value = JSONValue(kind, line: line, column: columnHere)
    position = end
    return .scalar(value)
  }

  /// The end of the token at `position` (bytes for which `isPart` holds); nil when the buffer
  /// ends inside it. Resumes where the previous attempt stopped.
  private mutating func tokenEnd(isPart: (UInt8) -> Bool) -> Int? {
    let start = bufferBase + position
    var index = partial.start == start ? partial.resume - bufferBase : position + 1
    while index < buffer.count, isPart(buffer[index]) { index += 1 }
    if index == buffer.count, !inputFinished {
      partial = PartialToken(start: start, resume: bufferBase + index)
      return nil
    }
    partial = PartialToken()
    return index
  }

  /// The token for an error message, quoted and cut short (tokens are ASCII only).
  private func tokenText(to end: Int) -> String {
    let shown = min(end, position + 24)
    let text = String(decoding: buffer[position..<shown], as: UTF8.self)
    return "\"\(text)\(shown < end ? "…" : "")\""
  }

  /// Bytes that continue a number token; letters too, so `1a` or `-Infinity` is one bad token.
  private static func isNumberByte(_ byte: UInt8) -> Bool {
    isWordByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: ".")
  }

  private static func isWordByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
      return true
    default:
      return false
    }
  }
}
