import RouteGuideProtocol
import Testing

@testable import rg

@Suite struct TerminalInputHintTests {
  @Test func hintNamesWhatEachMethodReads() {
    #expect(
      TerminalInputHint.text(for: RouteGuide.getFeature)
        == "reading Point JSON from the terminal; end with Ctrl-D, or pass it with -d")
    #expect(
      TerminalInputHint.text(for: RouteGuide.listFeatures)
        == "reading Rectangle JSON from the terminal; end with Ctrl-D, or pass it with -d")
    #expect(
      TerminalInputHint.text(for: RouteGuide.recordRoute)
        == "reading Points as NDJSON from the terminal; end with Ctrl-D, or pass them with -d")
    #expect(
      TerminalInputHint.text(for: RouteGuide.routeChat)
        == "reading RouteNotes as NDJSON from the terminal; end with Ctrl-D, or pass them with -d")
    #expect(
      TerminalInputHint.text(for: Health.check)
        == "reading HealthCheckRequest JSON from the terminal; end with Ctrl-D, or pass it with -d")
  }
}
