import ArgumentParsing
import Testing

@Suite struct SuggestionTests {
  let options = ["--timeout", "--connect-timeout", "--plaintext", "--insecure", "--header"]

  @Test func editDistance() {
    #expect(Suggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
    #expect(Suggestion.editDistance([], Array("abc")) == 3)
    #expect(Suggestion.editDistance(Array("abc"), []) == 3)
    #expect(Suggestion.editDistance(Array("same"), Array("same")) == 0)
  }

  @Test func suggestsTheNearestTypo() {
    #expect(Suggestion.nearest(to: "--timout", among: options) == "--timeout")
    #expect(Suggestion.nearest(to: "--plaintxet", among: options) == "--plaintext")
    #expect(Suggestion.nearest(to: "--conect-timeout", among: options) == "--connect-timeout")
  }

  @Test func suggestsTheOnlyCompletionOfAPrefix() {
    #expect(Suggestion.nearest(to: "--connect", among: options) == "--connect-timeout")
    #expect(Suggestion.nearest(to: "--in", among: options) == "--insecure")
    #expect(Suggestion.nearest(to: "--t", among: options) == nil)
  }

  @Test func staysQuietWhenNothingIsClose() {
    #expect(Suggestion.nearest(to: "--frobnicate", among: options) == nil)
    #expect(Suggestion.nearest(to: "--x", among: []) == nil)
  }
}
