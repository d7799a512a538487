extension JSONReader {
  /// Scans the string token at `position` (its opening quote); nil when the buffer ends inside.
  mutating func scanString() throws(JSONInputError) -> String? {
    let start = bufferBase + position
    if partial.start != start { partial = PartialToken(start: start, resume: start + 1) }
    var state = partial
    let from = state.resume - bufferBase
    let result = buffer.withUnsafeBufferPointer { Self.scanStringBody($0, from: from, &state) }
    switch result {
    case .needMore(let resume):
      guard !inputFinished else { throw errorHere("unterminated string") }
      state.resume = bufferBase + resume
      partial = state
      return nil
    case .failed(let index, let message):
      throw error(at: index, continuations: state.continuations, message)
    case .complete(let end):
      let text =
        state.hasEscapes
        ? decodeEscapes(from: position + 1, to: end)
        : String(decoding: buffer[(position + 1)..<end], as: UTF8.self)
      lineContinuations += state.continuations
      position = end + 1
      partial = PartialToken()
      return text
    }
  }

  enum StringScan {
    case complete(end: Int)
    case needMore(resume: Int)
    case failed(index: Int, message: String)
  }

  /// Checks string content from `index` up to the closing quote, counting continuation bytes.
  static func scanStringBody(
    _ bytes: UnsafeBufferPointer<UInt8>, from index: Int, _ state: inout PartialToken
  ) -> StringScan {
    var i = index
    while i < bytes.count {
      let byte = bytes[i]
      if byte == UInt8(ascii: "\"") { return .complete(end: i) }
      if byte == UInt8(ascii: "\\") {
        switch checkEscape(bytes, at: i) {
        case .length(let length):
          state.hasEscapes = true
          i += length
        case .incomplete: return .needMore(resume: i)
        case .invalid(let message): return .failed(index: i, message: message)
        }
      } else if byte < 0x20 {
        let message = "control character U+\(hex4(UInt32(byte))) must be escaped in a string"
        return .failed(index: i, message: message)
      } else if byte < 0x80 {
        i += 1
      } else {
        switch JSONUTF8.check(bytes, at: i) {
        case .valid(let length):
          state.continuations += length - 1
          i += length
        case .incomplete: return .needMore(resume: i)
        case .invalid:
          return .failed(index: i, message: "invalid UTF-8 in a string: byte 0x\(hex2(byte))")
        }
      }
    }
    return .needMore(resume: i)
  }

  enum EscapeCheck {
    case length(Int)
    case incomplete
    case invalid(String)
  }

  /// Checks the escape at `index` (a backslash); a high surrogate must be followed by a low one.
  static func checkEscape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> EscapeCheck {
    guard index + 1 < bytes.count else { return .incomplete }
    switch bytes[index + 1] {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
      UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
      return .length(2)
    case UInt8(ascii: "u"):
      break
    case let other:
      let shown = other >= 0x21 && other < 0x7F ? "\\\(Character(Unicode.Scalar(other)))" : "\\"
      return .invalid("invalid escape '\(shown)'")
    }
    guard index + 6 <= bytes.count else { return .incomplete }
    guard let unit = JSONUTF8.hexValue(bytes, at: index + 2) else {
      return .invalid("invalid \\u escape: expected four hex digits")
    }
    if (0xDC00...0xDFFF).contains(unit) { return .invalid("unpaired surrogate \\u\(hex4(unit))") }
    guard (0xD800...0xDBFF).contains(unit) else { return .length(6) }
    let unpaired = EscapeCheck.invalid("unpaired surrogate \\u\(hex4(unit))")
    guard index + 12 <= bytes.count else {
      if index + 6 < bytes.count, bytes[index + 6] != UInt8(ascii: "\\") { return unpaired }
      if index + 7 < bytes.count, bytes[index + 7] != UInt8(ascii: "u") { return unpaired }
      return .incomplete
    }
    guard bytes[index + 6] == UInt8(ascii: "\\"), bytes[index + 7] == UInt8(ascii: "u") else {
      return unpaired
    }
    guard let low = JSONUTF8.hexValue(bytes, at: index + 8) else {
      return .invalid("invalid \\u escape: expected four hex digits")
    }
    return (0xDC00...0xDFFF).contains(low) ? .length(12) : unpaired
  }

  /// Decodes checked string content with escapes, reusing the scratch buffer.
  mutating func decodeEscapes(from start: Int, to end: Int) -> String {
    var out: [UInt8] = []
    swap(&out, &scratch)
    out.removeAll(keepingCapacity: true)
    buffer.withUnsafeBufferPointer { bytes in
      var i = start
      while i < end {
        let byte = bytes[i]
        guard byte == UInt8(ascii: "\\") else {
          out.append(byte)
          i += 1
          continue
        }
        i += Self.decodeEscape(bytes, at: i, into: &out)
      }
    }
    let text = String(decoding: out, as: UTF8.self)
    swap(&out, &scratch)
    return text
  }

  /// Appends one checked escape's bytes; returns its length in the input.
  private static func decodeEscape(
    _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, into out: inout [UInt8]
  ) -> Int {
    switch bytes[index + 1] {
    case UInt8(ascii: "b"): out.append(0x08)
    case UInt8(ascii: "f"): out.append(0x0C)
    case UInt8(ascii: "n"): out.append(0x0A)
    case UInt8(ascii: "r"): out.append(0x0D)
    case UInt8(ascii: "t"): out.append(0x09)
    case UInt8(ascii: "u"):
      let unit = JSONUTF8.hexValue(bytes, at: index + 2) ?? 0xFFFD
      guard (0xD800...0xDBFF).contains(unit) else {
        JSONUTF8.append(unit, to: &out)
        return 6
      }
      let low = JSONUTF8.hexValue(bytes, at: index + 8) ?? 0xDC00
      JSONUTF8.append(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), to: &out)
      return 12
    case let other: out.append(other)
    }
    return 2
  }
}
