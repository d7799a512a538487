import Testing

@testable import rg

@Suite struct ListCommandTests {
  @Test func parsesTheClientOptions() {
    #expect(parsedCommand(["list", "--plaintext", "h:1"]) is ListCommand)
    #expect(clientOptions(["list", "-v", "h:1"])?.verbose == true)
  }

  @Test func concurrencyIsOnlyForUnaryMethods() {
    #expect(usageError(["list", "--concurrency", "2"]) == "unknown option --concurrency")
    #expect(usageError(["list", "--dry-run"]) == nil)
  }
}
