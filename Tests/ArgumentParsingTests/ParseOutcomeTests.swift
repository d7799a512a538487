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
}
