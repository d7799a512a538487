import RouteGuideProtocol
import Testing

/// Everything a reader produces for an input, fed in the given chunks: the values, then the
/// error (if any) or nil at a clean end.
struct ReadOutcome: Equatable {
  var values: [JSONValue] = []
  var error: JSONInputError?
}

func readAll(_ chunks: [ArraySlice<UInt8>], maxDepth: Int = 64) -> ReadOutcome {
  var reader = JSONReader(maxDepth: maxDepth)
  var outcome = ReadOutcome()
  do {
    for chunk in chunks {
      reader.feed(Array(chunk))
      while let value = try reader.nextValue() { outcome.values.append(value) }
    }
    reader.finish()
    while let value = try reader.nextValue() { outcome.values.append(value) }
    #expect(reader.isFinished)
  } catch {
    outcome.error = error
  }
  return outcome
}

func readAll(_ text: String, maxDepth: Int = 64) -> ReadOutcome {
  readAll([Array(text.utf8)[...]], maxDepth: maxDepth)
}

@Suite struct JSONReaderTests {
  private func errorText(_ text: String) -> String? {
    readAll(text).error?.description
  }

  @Test func readsEveryKindWithPositions() throws {
    let outcome = readAll("{\"a\": [1, -2.5e3, true, false, null, \"x\"],\n \"b\": {}}")
    #expect(outcome.error == nil)
    let value = try #require(outcome.values.first)
    guard case .object(let members) = value.kind else {
      Issue.record("not an object: \(value)")
      return
    }
    #expect(members.map(\.key) == ["a", "b"])
    #expect((members[1].line, members[1].column) == (2, 2))
    #expect(members[1].value == JSONValue(.object([]), line: 2, column: 7))
    let array = JSONValue.Kind.array([
      JSONValue(.number("1"), line: 1, column: 8),
      JSONValue(.number("-2.5e3"), line: 1, column: 11),
      JSONValue(.bool(true), line: 1, column: 19),
      JSONValue(.bool(false), line: 1, column: 25),
      JSONValue(.null, line: 1, column: 32),
      JSONValue(.string("x"), line: 1, column: 38),
    ])
    #expect(members[0].value == JSONValue(array, line: 1, column: 7))
  }

  @Test func readsValuesBackToBackInEveryLayout() {
    let outcome = readAll("{}{}\n[1]\"s\" 2\n{\n  \"k\": 3\n}\ntrue null")
    #expect(outcome.error == nil)
    #expect(
      outcome.values.map(\.kindDescription)
        == [
          "an object", "an object", "an array", "a string", "a number", "an object",
          "a boolean", "null",
        ])
    #expect(outcome.values.map(\.line) == [1, 1, 2, 2, 2, 3, 6, 6])
    #expect(readAll("").values.isEmpty && readAll(" \n\t\r\n ").error == nil)
  }

  @Test func decodesEscapesAndSurrogatePairs() {
    let text = #""\"\\\/\b\f\n\r\t\u0041\u00e9\u65E5\ud83c\udf89\u0000""#
    #expect(readAll(text).values.first?.kind == .string("\"\\/\u{8}\u{C}\n\r\tAé日🎉\u{0}"))
    #expect(readAll("\"é日🎉\"").values.first?.kind == .string("é日🎉"))
  }

  @Test(arguments: [
    ("{\"a\":1,}", "1:8: trailing comma before '}'"),
    ("[1,]", "1:4: trailing comma before ']'"),
    ("[1 2]", "1:4: expected ',' or ']' after an array element, got '2'"),
    ("{\"a\" 1}", "1:6: expected ':' after the key, got '1'"),
    ("{1:2}", "1:2: expected a string key, got '1'"),
    ("{\"a\":1 \"b\":2}", "1:8: expected ',' or '}' after an object member, got '\"'"),
    ("// c\n{}", "1:1: comments are not allowed in JSON"),
    ("[NaN]", "1:2: invalid literal \"NaN\" (expected true, false or null)"),
    ("-Infinity", "1:1: invalid number \"-Infinity\""),
    ("[01]", "1:2: invalid number \"01\": leading zeros are not allowed"),
    ("+1", "1:1: invalid number \"+1\": a leading '+' is not allowed"),
    ("[1.]", "1:2: invalid number \"1.\""),
    ("[.5]", "1:2: invalid number \".5\""),
    ("1e", "1:1: invalid number \"1e\""),
    ("truex", "1:1: invalid literal \"truex\" (expected true, false or null)"),
    ("'a'", "1:1: unexpected '''"),
    ("\u{1}", "1:1: unexpected U+0001"),
    ("{\"é\":1, x}", "1:9: expected a string key, got 'x'"),
    ("\"a\u{1}\"", "1:3: control character U+0001 must be escaped in a string"),
    ("\"é\n\"", "1:3: control character U+000A must be escaped in a string"),
    ("\"\\x\"", "1:2: invalid escape '\\x'"),
    ("\"\\u12G4\"", "1:2: invalid \\u escape: expected four hex digits"),
    ("\"ab\\ud800\"", "1:4: unpaired surrogate \\uD800"),
    ("\"\\ud800\\u0041\"", "1:2: unpaired surrogate \\uD800"),
    ("\"\\udc00\"", "1:2: unpaired surrogate \\uDC00"),
    ("\"abc", "1:1: unterminated string"),
    ("{\"a\":[1", "1:8: unexpected end of input inside an array"),
    ("{\"a\":1,\"a\":2}", "1:8: duplicate key \"a\""),
    ("]", "1:1: unexpected ']'"),
  ])
  func rejectsWithPosition(input: String, expected: String) {
    #expect(errorText(input) == expected)
  }

  @Test func rejectsInvalidUTF8() {
    let cases: [[UInt8]] = [
      [0xFF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
      [0xC3], [0x80], [0xF0, 0x9F, 0x8E],
    ]
    for bytes in cases {
      let outcome = readAll([(Array("[\"a".utf8) + bytes + Array("\"]".utf8))[...]])
      let lead = String(bytes[0], radix: 16, uppercase: true)
      #expect(
        outcome.error?.description == "1:4: invalid UTF-8 in a string: byte 0x\(lead)",
        "\(bytes)")
    }
  }

  static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// A byte-order mark at the very start is skipped, as jq does (RFC 8259 §8.1 allows it), in
  /// any chunking; it is not a column, so positions are those of the text without it.
  @Test func skipsAByteOrderMarkAtTheStart() {
    let text = Array("{\"a\": 1}\n [true]".utf8)
    let plain = readAll([text[...]])
    #expect(plain.error == nil && plain.values.count == 2)
    let marked = Self.bom + text
    #expect(readAll([marked[...]]) == plain)
    for split in 0...marked.count {
      #expect(readAll([marked[..<split], marked[split...]]) == plain, "split at \(split)")
    }
    #expect(readAll(marked.map { [$0][...] }) == plain)
    #expect(readAll([Self.bom[...]]) == ReadOutcome())
    #expect(readAll([(Self.bom + Array(" \n".utf8))[...]]) == ReadOutcome())
  }

  @Test func columnsAfterAByteOrderMarkCountFromTheFirstCharacter() {
    let bad = Self.bom + Array("{\"a\":]".utf8)
    #expect(readAll([bad[...]]).error?.description == "1:6: unexpected ']'")
    let second = Self.bom + Array("1\n  ]".utf8)
    #expect(readAll([second[...]]).error?.description == "2:3: unexpected ']'")
  }

  /// Only the first bytes of the input may be a mark: later, or twice, it is an error.
  @Test func aByteOrderMarkAnywhereElseIsAnError() {
    let cases: [([UInt8], String)] = [
      (
        Array("{}".utf8) + Self.bom + Array("{}".utf8), "1:3: unexpected byte 0xEF outside a string"
      ),
      (Array(" ".utf8) + Self.bom + Array("{}".utf8), "1:2: unexpected byte 0xEF outside a string"),
      (Self.bom + Self.bom + Array("{}".utf8), "1:1: unexpected byte 0xEF outside a string"),
      ([0xEF, 0xBB], "1:1: unexpected byte 0xEF outside a string"),
      ([0xEF, 0xBB, 0x7B, 0x7D], "1:1: unexpected byte 0xEF outside a string"),
      ([0xEF], "1:1: unexpected byte 0xEF outside a string"),
    ]
    for (bytes, expected) in cases {
      #expect(readAll([bytes[...]]).error?.description == expected, "\(bytes)")
      #expect(readAll(bytes.map { [$0][...] }).error?.description == expected, "\(bytes)")
    }
  }

  @Test func boundsNestingWithoutRecursion() {
    let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    #expect(readAll(ok).error == nil)
    let deep = String(repeating: "[", count: 65)
    #expect(readAll(deep).error?.description == "1:65: nesting is deeper than 64 levels")
    #expect(
      readAll(String(repeating: "{\"a\":", count: 3), maxDepth: 2).error?.description
        == "1:11: nesting is deeper than 2 levels")
    #expect(readAll(String(repeating: "[", count: 1_000_000)).error != nil)
  }

  @Test func findsDuplicatesInLargeObjects() {
    let members = (0..<100).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
    #expect(readAll("{\(members)}").error == nil)
    #expect(readAll("{\(members),\"k50\":1}").error?.message == "duplicate key \"k50\"")
  }

  @Test func staysFailedAfterAnError() throws {
    var reader = JSONReader()
    reader.feed(Array("1 ] 2".utf8))
    reader.finish()
    #expect(try reader.nextValue()?.kind == .number("1"))
    #expect(throws: JSONInputError(line: 1, column: 3, message: "unexpected ']'")) {
      try reader.nextValue()
    }
    #expect(throws: JSONInputError(line: 1, column: 3, message: "unexpected ']'")) {
      try reader.nextValue()
    }
  }

  @Test func waitsForDelimiterAfterNumbersUntilFinished() throws {
    var reader = JSONReader()
    reader.feed(Array("12".utf8))
    #expect(try reader.nextValue() == nil)
    reader.feed(Array("3".utf8))
    #expect(try reader.nextValue() == nil)
    reader.finish()
    #expect(try reader.nextValue()?.kind == .number("123"))
    #expect(try reader.nextValue() == nil)
    #expect(reader.isFinished)
  }

  /// NDJSON, pretty-printed and back-to-back values with multi-byte text, then an error.
  static let streamSample =
    "{\"name\":\"é\\u00e9\\ud83c\\udf89\",\"n\":[1,-2.5e-3,true,null]}\n"
    + "{\n  \"deep\": {\"a\": [[], {}]},\n\t\"s\": \"日本\"\r\n}{}[\"x\"]\"y\" 12 false\n"
    + "  {\"z\": \"🎉\", \"bad\": [1, 2,]}\n{}"

  @Test func splittingAtEveryPointGivesTheSameValuesAndErrors() {
    let bytes = Array(Self.streamSample.utf8)
    let whole = readAll([bytes[...]])
    #expect(whole.values.count == 7)
    #expect(whole.error?.description == "6:27: trailing comma before ']'")
    for split in 0...bytes.count {
      #expect(readAll([bytes[..<split], bytes[split...]]) == whole, "split at \(split)")
    }
    #expect(readAll(bytes.map { [$0][...] }) == whole)
    let valid = Array(Self.streamSample.utf8.prefix(while: { $0 != UInt8(ascii: "z") }).dropLast(4))
    let clean = readAll([valid[...]])
    #expect(clean.error == nil && clean.values.count == 7)
    #expect(readAll(valid.map { [$0][...] }) == clean)
  }
}
