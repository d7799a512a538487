import ArgumentParsing
import Testing

/// Typed keys: values are read through declarations the compiler checks.
@Suite struct ArgumentKeyTests {
  static let count = OptionKey(
    .option("count", valueName: "N", help: "How many.", defaultValue: "3"),
    parse: { text in
      guard let value = Int(text), value > 0 else { throw ValidationError("not a count") }
      return value
    })
  static let name = OptionKey(.option("name", valueName: "NAME", help: "A name."))
  static let data = OptionKey(
    .option("data", valueName: "DATA", help: "Bytes.", acceptsBytes: true), parseBytes: { $0 })
  static let tag = OptionKey(
    .option("tag", valueName: "TAG", help: "Tags.", repetition: .accumulate))
  static let verbose = FlagKey(.flag("verbose", help: "Say more."))

  static var definitions: [ArgumentDefinition] {
    [count.definition, name.definition, data.definition, tag.definition, verbose.definition]
  }

  @Test func readsGivenValuesDefaultsAndFlags() throws {
    let values = ParsedValues(
      definitions: Self.definitions, given: ["name": ["x"], "tag": ["a", "b"], "verbose": [""]])
    #expect(try values.value(Self.count) == 3)
    #expect(try values.value(Self.name) == "x")
    #expect(try values.values(Self.tag) == ["a", "b"])
    #expect(values.flag(Self.verbose))
    #expect(values.isPresent(Self.name) && !values.isPresent(Self.count))
  }

  @Test func aReadingErrorNamesTheOptionAndTheText() {
    let values = ParsedValues(definitions: Self.definitions, given: ["count": ["-1"]])
    #expect(throws: ValidationError("invalid --count '-1': not a count")) {
      try values.value(Self.count)
    }
  }

  @Test func textValuesMustBeUTF8AndByteValuesAreKeptAsGiven() throws {
    let bytes: [UInt8] = [0x61, 0xFF]
    let values = ParsedValues(
      definitions: Self.definitions,
      words: ["name": [ArgumentWord(bytes: bytes)], "data": [ArgumentWord(bytes: bytes)]])
    #expect(try values.value(Self.data) == bytes)
    #expect(throws: ValidationError.self) { try values.value(Self.name) }
  }
}
