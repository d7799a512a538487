import Testing

@testable import rg

@Suite struct DurationParserTests {
  @Test(
    arguments: [
      ("250ms", 250_000_000), ("5s", 5_000_000_000), ("1m", 60_000_000_000),
      ("1h", 3_600_000_000_000), ("1.5s", 1_500_000_000), ("3", 3_000_000_000),
      ("0.25", 250_000_000), (".5s", 500_000_000), ("10us", 10_000), ("7ns", 7),
      ("1.5m", 90_000_000_000),
    ] as [(String, UInt64)])
  func acceptsUnitsAndFractions(text: String, nanoseconds: UInt64) throws {
    #expect(try DurationParser.parse(text) == nanoseconds)
  }

  @Test(arguments: [
    ("0", "a duration must be greater than 0"),
    ("0s", "a duration must be greater than 0"),
    ("0.0000000001s", "a duration must be greater than 0"),
    ("-1s", "a duration cannot be negative"),
    ("", "a duration cannot be empty"),
    ("abc", "expected a number with an optional unit, like 250ms, 5s, 1m or 1h"),
    ("5x", "unknown unit 'x' (use ms, s, m or h)"),
    ("5 s", "unknown unit ' s' (use ms, s, m or h)"),
    ("1.2.3s", "'1.2.3' is not a number"),
    ("5.s", "'5.' is not a number"),
    ("99999999999h", "a duration must be less than 100000 hours"),
  ])
  func rejectsWithTheReason(text: String, reason: String) {
    #expect(throws: OptionValueError(reason)) { try DurationParser.parse(text) }
  }
}
