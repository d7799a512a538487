import Testing

@testable import rg

@Suite struct ChatCommandTests {
  @Test func parsesTheClientOptions() {
    #expect(parsedCommand(["chat", "--plaintext", "h:1"]) is ChatCommand)
    #expect(clientOptions(["chat", "-v", "h:1"])?.verbose == true)
  }

  @Test func concurrencyIsOnlyForUnaryMethods() {
    #expect(usageError(["chat", "--concurrency", "2"]) == "unknown option --concurrency")
    #expect(usageError(["chat", "--dry-run"]) == nil)
  }
}
