import Testing

@testable import rg

@Suite struct RecordCommandTests {
  @Test func parsesTheClientOptions() {
    #expect(parsedCommand(["record", "--plaintext", "h:1"]) is RecordCommand)
    #expect(clientOptions(["record", "-v", "h:1"])?.verbose == true)
  }

  @Test func getOnlyOptionsAreUnknown() {
    #expect(usageError(["record", "--dry-run"]) == "unknown option --dry-run")
    #expect(usageError(["record", "--concurrency", "2"]) == "unknown option --concurrency")
  }
}
