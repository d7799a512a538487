import RouteGuideProtocol
import Testing

@testable import rg

@Suite struct TerminalInputHintTests {
  @Test(arguments: [
    (
      RouteGuideMethod.getFeature,
      "reading Point JSON from the terminal; end with Ctrl-D, or pass it with -d"
    ),
    (
      .listFeatures,
      "reading Rectangle JSON from the terminal; end with Ctrl-D, or pass it with -d"
    ),
    (
      .recordRoute,
      "reading Points as NDJSON from the terminal; end with Ctrl-D, or pass them with -d"
    ),
    (
      .routeChat,
      "reading RouteNotes as NDJSON from the terminal; end with Ctrl-D, or pass them with -d"
    ),
  ])
  func hintNamesWhatEachMethodReads(method: RouteGuideMethod, expected: String) {
    #expect(TerminalInputHint.text(for: method) == expected)
  }
}
