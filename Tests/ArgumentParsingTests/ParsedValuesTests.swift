import Testing

@testable import ArgumentParsing

@Suite struct ParsedValuesTests {
  let definitions: [ArgumentDefinition] = [
    .option("timeout", valueName: "D", help: "", defaultValue: "10s"),
    .option("header", valueName: "H", help: "", repetition: .accumulate),
    .flag("verbose", help: ""),
    .positional("ADDRESS", help: "", defaultValue: "d:1", environmentVariable: "X_ADDRESS"),
  ]

  @Test func effectiveValueComesFromCommandLineThenEnvironmentThenDefault() {
    let given = ParsedValues(
      definitions: definitions, given: ["address": ["c:1"]], environment: ["address": "e:1"])
    #expect(given.string("address") == "c:1")
    #expect(given.source("address") == .commandLine)
    let environment = ParsedValues(definitions: definitions, environment: ["address": "e:1"])
    #expect(environment.string("address") == "e:1")
    #expect(environment.source("address") == .environment("X_ADDRESS"))
    let fallback = ParsedValues(definitions: definitions)
    #expect(fallback.string("address") == "d:1")
    #expect(fallback.source("address") == .defaultValue)
    #expect(fallback.string("header") == nil)
    #expect(fallback.source("header") == nil)
  }

  /// An empty variable counts as unset (as `VAR= command` means to Unix tools); an empty
  /// value given on the command line is still a value.
  @Test func emptyEnvironmentValueIsUnset() {
    let empty = ParsedValues(definitions: definitions, environment: ["address": ""])
    #expect(empty.string("address") == "d:1")
    #expect(empty.source("address") == .defaultValue)
    let given = ParsedValues(
      definitions: definitions, given: ["address": [""]], environment: ["address": "e:1"])
    #expect(given.string("address") == "")
    #expect(given.source("address") == .commandLine)
  }

  /// Byte accessors give the bytes given; environment and default values their UTF-8.
  @Test func bytesOfValues() throws {
    let values = ParsedValues(
      definitions: definitions,
      words: [
        "header": [ArgumentWord(bytes: [0x61, 0xFF]), ArgumentWord(bytes: [0x62])],
        "address": [ArgumentWord(bytes: [0xFE])],
      ])
    #expect(values.allBytes("header") == [[0x61, 0xFF], [0x62]])
    #expect(values.bytes("header") == [0x62])
    #expect(values.bytes("address") == [0xFE])
    #expect(values.bytes("timeout") == Array("10s".utf8))
    #expect(values.allBytes("timeout") == [])
    let counts = try values.values("header", bytes: { (bytes: [UInt8]) -> Int in bytes.count })
    #expect(counts == [2, 1])
    #expect(try values.value("address", bytes: { (bytes: [UInt8]) -> Int in bytes.count }) == 1)
    let environment = ParsedValues(definitions: definitions, environment: ["address": "e:1"])
    #expect(environment.bytes("address") == Array("e:1".utf8))
  }

  /// A byte conversion's error names the argument and shows invalid bytes escaped.
  @Test func byteConversionErrorsShowTheBytes() {
    let values = ParsedValues(
      definitions: definitions, words: ["header": [ArgumentWord(bytes: [0x61, 0xFF])]])
    #expect(throws: ValidationError("invalid --header 'a\\xFF': too short")) {
      try values.values("header") { (_: [UInt8]) throws(ValidationError) -> Int in
        throw ValidationError("too short")
      }
    }
  }

  @Test func presenceCountsAndRepeatedValues() {
    let values = ParsedValues(
      definitions: definitions, given: ["verbose": ["", ""], "header": ["a: 1", "b: 2"]])
    #expect(values.flag("verbose"))
    #expect(values.count("verbose") == 2)
    #expect(values.strings("header") == ["a: 1", "b: 2"])
    #expect(values.string("header") == "b: 2")
    #expect(!values.isPresent("timeout"))
    #expect(values.string("timeout") == "10s")
  }

  @Test func conversionErrorsNameTheSource() {
    let values = ParsedValues(definitions: definitions, environment: ["address": "bad"])
    #expect(throws: ValidationError("invalid $X_ADDRESS 'bad': not a whole number")) {
      try values.value("address", as: Int.self)
    }
    let given = ParsedValues(definitions: definitions, given: ["header": ["x", "y"]])
    #expect(throws: ValidationError("invalid --header 'x': not a whole number")) {
      try given.values("header") { (text: String) throws(ValidationError) -> Int in
        try Int(argument: text)
      }
    }
  }

  @Test func convertsEveryRepeatedValue() throws {
    let values = ParsedValues(definitions: definitions, given: ["header": ["1", "2"]])
    let numbers = try values.values("header") { (text: String) throws(ValidationError) -> Int in
      try Int(argument: text)
    }
    #expect(numbers == [1, 2])
    #expect(try values.value("header", as: String.self) == "2")
  }
}

@Suite struct ParsedValuesMovingTests {
  @Test func movingGivesTheWordsToAnotherArgument() {
    let first = ArgumentDefinition.positional("FIRST", help: "", environmentVariable: "FIRST")
    let second = ArgumentDefinition.positional("SECOND", help: "")
    let values = ParsedValues(
      definitions: [first, second], given: ["first": ["word"]], environment: ["first": "env"])
    let moved = values.moving(first, to: second)
    #expect(moved.string("second") == "word")
    // The first now has only what it would have had without the word: the environment.
    #expect(moved.string("first") == "env")
    #expect(!moved.isPresent("first"))
  }
}
