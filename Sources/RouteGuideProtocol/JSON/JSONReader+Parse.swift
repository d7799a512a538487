extension JSONReader {
  /// The state machine: consumes whitespace and tokens until a top-level value completes.
  mutating func parseNext() throws(JSONInputError) -> JSONValue? {
    while true {
      guard skipWhitespace() else { return try endOfBuffer() }
      let byte = buffer[position]
      switch expectation {
      case .value, .valueAfterComma, .firstValueOrEnd:
        if byte == UInt8(ascii: "]"), expectation != .value {
          if expectation == .valueAfterComma { throw errorHere("trailing comma before ']'") }
          position += 1
          if let done = closeContainer() { return done }
          continue
        }
        if stack.isEmpty { valueStart = (bufferBase + position, line, columnHere) }
        switch try startValue(byte) {
        case .needMore: return nil
        case .opened: continue
        case .scalar(let value): if let done = deliver(value) { return done }
        }
      case .firstKeyOrEnd, .key:
        if byte == UInt8(ascii: "}") {
          if expectation == .key { throw errorHere("trailing comma before '}'") }
          position += 1
          if let done = closeContainer() { return done }
          continue
        }
        guard byte == UInt8(ascii: "\"") else {
          throw errorHere("expected a string key, got \(describe(byte))")
        }
        guard try readKey() else { return nil }
      case .colon:
        guard byte == UInt8(ascii: ":") else {
          throw errorHere("expected ':' after the key, got \(describe(byte))")
        }
        position += 1
        expectation = .value
      case .commaOrEnd:
        if let done = try afterElement(byte) { return done }
      }
    }
  }

  /// After an array element or object member: `,` or the closing bracket.
  private mutating func afterElement(_ byte: UInt8) throws(JSONInputError) -> JSONValue? {
    let isObject = stack[stack.count - 1].isObject
    if byte == UInt8(ascii: ",") {
      position += 1
      expectation = isObject ? .key : .valueAfterComma
      return nil
    }
    if byte == UInt8(ascii: isObject ? "}" : "]") {
      position += 1
      return closeContainer()
    }
    if isObject {
      throw errorHere("expected ',' or '}' after an object member, got \(describe(byte))")
    }
    throw errorHere("expected ',' or ']' after an array element, got \(describe(byte))")
  }

  /// The buffer is exhausted: wait for more, end cleanly, or fail on a cut-short value.
  private mutating func endOfBuffer() throws(JSONInputError) -> JSONValue? {
    guard inputFinished else { return nil }
    if stack.isEmpty, expectation == .value {
      reachedEnd = true
      return nil
    }
    let what = stack[stack.count - 1].isObject ? "object" : "array"
    throw errorHere("unexpected end of input inside an \(what)")
  }

  enum ValueStart {
    case needMore, opened
    case scalar(JSONValue)
  }

  /// Starts the value whose first byte is `byte`.
  private mutating func startValue(_ byte: UInt8) throws(JSONInputError) -> ValueStart {
    switch byte {
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      try openContainer(isObject: byte == UInt8(ascii: "{"))
      return .opened
    case UInt8(ascii: "\""):
      let line = line
      let column = columnHere
      guard let text = try scanString() else { return .needMore }
      return .scalar(JSONValue(.string(text), line: line, column: column))
    case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return try scanNumber()
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
      return try scanLiteral()
    case UInt8(ascii: "/"):
      throw errorHere("comments are not allowed in JSON")
    default:
      throw errorHere("unexpected \(describe(byte))")
    }
  }

  /// "'x'", "U+0001" or "byte 0xFF": how a byte that does not fit is named in errors.
  func describe(_ byte: UInt8) -> String {
    switch byte {
    case 0x21...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
    case 0x80...: return "byte 0x\(String(byte, radix: 16, uppercase: true)) outside a string"
    default: return "U+" + hex4(UInt32(byte))
    }
  }
}
