import Testing

@testable import rg

@Suite struct RecordCommandTests {
  @Test func parsesTheClientOptions() {
    #expect(parsedCommand(["record", "--plaintext", "h:1"]) is RecordCommand)
    #expect(clientOptions(["record", "-v", "h:1"])?.verbose == true)
  }

  @Test func concurrencyIsOnlyForUnaryMethods() {
    #expect(usageError(["record", "--concurrency", "2"]) == "unknown option --concurrency")
    #expect(usageError(["record", "--dry-run"]) == nil)
  }
}
