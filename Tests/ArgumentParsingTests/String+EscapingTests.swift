import Testing

@testable import ArgumentParsing

@Suite struct StringEscapingTests {
  @Test(arguments: [
    ("it's", "'", "'\\''", "it'\\''s"), ("a:b:c", ":", "\\:", "a\\:b\\:c"),
    ("none", "x", "y", "none"), ("", ":", "\\:", ""), ("ü:ü", "ü", "u", "u:u"),
  ])
  func replacesEveryOccurrence(
    text: String, character: String, replacement: String, expected: String
  ) throws {
    let character = try #require(character.first)
    #expect(text.replacingEvery(character, with: replacement) == expected)
  }
}
