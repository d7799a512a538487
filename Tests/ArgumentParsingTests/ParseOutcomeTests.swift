import ArgumentParsing
import Testing

@Suite struct ParseOutcomeTests {
  @Test func usageErrorTextHasMessageUsageAndHint() {
    guard case .usageError(let error) = CommandParser(SampleRoot.self).parse(["fetch", "--tmeout"])
    else {
      Issue.record("no error")
      return
    }
    #expect(
      error.text == """
        tool: unknown option --tmeout; did you mean --timeout?
        Usage: tool fetch [options] [ADDRESS]
        See 'tool fetch --help'.

        """)
  }

  @Test func rootUsageErrorPointsAtRootHelp() {
    guard case .usageError(let error) = CommandParser(SampleRoot.self).parse(["nope"]) else {
      Issue.record("no error")
      return
    }
    #expect(error.text.hasSuffix("Usage: tool <subcommand> [options]\nSee 'tool --help'.\n"))
  }

  /// The message quotes what the user typed: a control character in it cannot break the line.
  @Test func usageErrorEscapesControlCharactersInTheMessage() {
    let word = "x\u{1B}[2J\nfake"
    guard case .usageError(let error) = CommandParser(SampleRoot.self).parse([word]) else {
      Issue.record("no error")
      return
    }
    #expect(error.message.contains(word))
    let first = error.text.split(separator: "\n").first.map(String.init)
    #expect(
      first?.hasPrefix(#"tool: unknown subcommand 'x\x1b[2J\nfake'"#) == true, "\(error.text)")
    #expect(error.text.split(separator: "\n").count == 3, "\(error.text)")
  }
}
