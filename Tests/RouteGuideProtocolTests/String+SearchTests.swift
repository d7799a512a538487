import Testing

@testable import RouteGuideProtocol

@Suite struct StringSearchTests {
  @Test(arguments: [
    ("https://host:1", "://", true), ("alert no application protocol", "alert", true),
    ("key values mismatch", "values mis", true), ("abc", "abcd", false), ("abc", "", true),
    ("", "a", false), ("aaab", "aab", true), ("zürich ü", "ü", true), ("zu", "ü", false),
  ])
  func findsTextAnywhere(text: String, part: String, found: Bool) {
    #expect(text.containsText(part) == found)
    #expect(text.containsText(Substring(part)) == found)
  }

  @Test func theRangeSlicesTheString() throws {
    let text = "grüße://host"
    let range = try #require(text.range(ofText: "://"))
    #expect(text[..<range.lowerBound] == "grüße")
    #expect(text[range.upperBound...] == "host")
    #expect(text.range(ofText: "") == text.startIndex..<text.startIndex)
    #expect(text.range(ofText: ":///") == nil)
  }

  @Test func aSubstringIsSearchedWithinItsBounds() throws {
    let text = "ab://cd://ef"
    let tail = text[text.index(text.startIndex, offsetBy: 5)...]
    let range = try #require(tail.range(ofText: "://"))
    #expect(tail[..<range.lowerBound] == "cd")
  }
}
