import ArgumentParsing
import Testing

@Suite struct TextWrapperTests {
  @Test func wrapsAtSpacesWithinTheWidth() {
    let lines = TextWrapper.wrap("one two three four five", width: 10)
    #expect(lines == ["one two", "three four", "five"])
    #expect(lines.allSatisfy { $0.count <= 10 })
  }

  @Test func indentsEveryLineAndCountsTheIndent() {
    #expect(TextWrapper.wrap("aa bb cc", width: 7, indent: 2) == ["  aa bb", "  cc"])
  }

  @Test func longWordGetsALineOfItsOwn() {
    #expect(TextWrapper.wrap("a abcdefghij b", width: 5) == ["a", "abcdefghij", "b"])
  }

  @Test func collapsesRunsOfSpacesAndHandlesEmptyText() {
    #expect(TextWrapper.wrap("a   b", width: 80) == ["a b"])
    #expect(TextWrapper.wrap("", width: 80).isEmpty)
  }

  @Test func paragraphsAreWrappedSeparatelyAndIndentedLinesKept() {
    let text = "one two\nthree\n\n  keep   this\nfour"
    #expect(
      TextWrapper.wrapParagraphs(text, width: 9, indent: 1)
        == [" one two", " three", "", "   keep   this", " four"])
  }

  @Test func repeatedBlankLinesCollapse() {
    #expect(TextWrapper.wrapParagraphs("a\n\n\n\nb\n\n", width: 80) == ["a", "", "b"])
  }
}
