import Testing

@testable import ArgumentParsing

@Suite struct ArgumentScannerTests {
  let scanner = ArgumentScanner(definitions: SampleFetch.arguments)

  @Test func readsLongOptionsWithSeparateOrInlineValues() throws {
    let values = try scanner.scan(["--timeout", "5s", "--data={\"a\":1}"])
    #expect(values["timeout"] == ["5s"])
    #expect(values["data"] == ["{\"a\":1}"])
  }

  @Test func inlineValueMayContainEqualsAndBeEmpty() throws {
    #expect(try scanner.scan(["--data=a=b"])["data"] == ["a=b"])
    #expect(try scanner.scan(["--data="])["data"] == [""])
  }

  @Test func readsShortOptionsWithSeparateOrAttachedValues() throws {
    let values = try scanner.scan(["-H", "a: 1", "-Hb: 2"])
    #expect(values["header"] == ["a: 1", "b: 2"])
  }

  @Test func readsBundledShortFlags() throws {
    let values = try scanner.scan(["-vk"])
    #expect(values["verbose"] == [""])
    #expect(values["insecure"] == [""])
  }

  @Test func bundleMayEndInAnOptionTakingTheRestOrTheNextWord() throws {
    #expect(try scanner.scan(["-vkHx: 1"])["header"] == ["x: 1"])
    let values = try scanner.scan(["-vd", "{}"])
    #expect(values["data"] == ["{}"])
    #expect(values["verbose"] == [""])
  }

  @Test func positionalAnywhereAndAfterTerminator() throws {
    #expect(try scanner.scan(["-v", "host:1"])["address"] == ["host:1"])
    #expect(try scanner.scan(["--", "--plaintext"])["address"] == ["--plaintext"])
    #expect(try scanner.scan(["-"])["address"] == ["-"])
  }

  @Test func valueMayStartWithADashUnlessItNamesAnOption() throws {
    #expect(try scanner.scan(["-d", "@-"])["data"] == ["@-"])
    #expect(try scanner.scan(["--timeout", "-1s"])["timeout"] == ["-1s"])
    #expect(throws: ParseError.self) { try scanner.scan(["--timeout", "--plaintext"]) }
    #expect(throws: ParseError.self) { try scanner.scan(["-d", "-v"]) }
  }

  @Test func missingValueAtTheEnd() {
    #expect(throws: ParseError.missingValue(SampleFetch.arguments[2])) {
      try scanner.scan(["--timeout"])
    }
  }

  @Test func flagWithInlineValueIsAnError() {
    #expect(throws: ParseError.unexpectedValue(SampleFetch.arguments[1])) {
      try scanner.scan(["--plaintext=yes"])
    }
  }

  @Test func repetitionPolicies() throws {
    #expect(try scanner.scan(["--timeout", "1s", "--timeout", "2s"])["timeout"] == ["1s", "2s"])
    #expect(throws: ParseError.repeated(SampleFetch.arguments[6])) {
      try scanner.scan(["-d", "{}", "--data", "{}"])
    }
  }

  @Test func unknownOptionsAreNamed() {
    #expect(throws: ParseError.unknownOption("--timout", suggestion: "--timeout")) {
      try scanner.scan(["--timout", "5s"])
    }
    #expect(throws: ParseError.unknownOption("-x", suggestion: nil)) { try scanner.scan(["-vx"]) }
    #expect(throws: ParseError.unknownOption("-t", suggestion: "--timeout")) {
      try scanner.scan(["-timeout"])
    }
  }

  @Test func hiddenOptionsParseButAreNotSuggested() throws {
    #expect(try scanner.scan(["--secret", "s"])["secret"] == ["s"])
    #expect(throws: ParseError.unknownOption("--secrt", suggestion: nil)) {
      try scanner.scan(["--secrt"])
    }
  }

  /// Values keep the bytes given in every spelling; an argument that accepts bytes may be
  /// given invalid UTF-8.
  @Test func valuesKeepTheirBytes() throws {
    let json: [UInt8] = [0x7B, 0xFF, 0xC3, 0x28, 0x7D]
    let spellings: [[ArgumentWord]] = [
      ["--data", ArgumentWord(bytes: json)], [ArgumentWord(bytes: Array("--data=".utf8) + json)],
      ["-d", ArgumentWord(bytes: json)], [ArgumentWord(bytes: Array("-d".utf8) + json)],
      [ArgumentWord(bytes: Array("-vkd".utf8) + json)],
    ]
    for words in spellings {
      let values = try scanner.scan(words)
      #expect(values["data"]?.map(\.bytes) == [json], "\(words)")
    }
    let bundled = try scanner.scan([ArgumentWord(bytes: Array("-vkd".utf8) + json)])
    #expect(bundled["verbose"] == [""] && bundled["insecure"] == [""])
    #expect(try scanner.scan(["-dé"])["data"]?.map(\.bytes) == [[0xC3, 0xA9]])
  }

  /// Any other argument's value must be UTF-8: the error names it and the byte.
  @Test func textValuesMustBeUTF8() throws {
    let definitions = SampleFetch.arguments
    let cases: [([ArgumentWord], ArgumentDefinition, [UInt8])] = [
      (["--timeout", ArgumentWord(bytes: [0x31, 0xFF])], definitions[2], [0x31, 0xFF]),
      (
        [ArgumentWord(bytes: Array("--timeout=".utf8) + [0xC0, 0xAF])], definitions[2],
        [0xC0, 0xAF]
      ),
      (
        [ArgumentWord(bytes: Array("-H".utf8) + [0xED, 0xA0, 0x80])], definitions[5],
        [0xED, 0xA0, 0x80]
      ),
      ([ArgumentWord(bytes: [0x68, 0xFF])], definitions[0], [0x68, 0xFF]),
    ]
    for (words, definition, value) in cases {
      #expect(throws: ParseError.invalidUTF8(definition, ArgumentWord(bytes: value))) {
        try scanner.scan(words)
      }
    }
    #expect(
      ParseError.invalidUTF8(definitions[2], ArgumentWord(bytes: [0x31, 0xFF, 0x73])).description
        == "invalid --timeout '1\\xFFs': byte 0xFF at position 2 is not UTF-8")
  }

  @Test func tooManyPositionals() {
    #expect(throws: ParseError.unexpectedArgument("b")) { try scanner.scan(["a", "b"]) }
  }

  @Test func repeatablePositionalTakesEveryWordAndRequiredOneMustBeThere() throws {
    let serve = ArgumentScanner(definitions: SampleServe.arguments)
    #expect(try serve.scan(["a", "--port", "1", "b"])["files"] == ["a", "b"])
    #expect(throws: ParseError.missingArgument(SampleServe.arguments[1])) {
      try serve.scan(["--port", "1"])
    }
  }
}
