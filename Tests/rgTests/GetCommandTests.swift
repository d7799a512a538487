import Testing

@testable import rg

@Suite struct GetCommandTests {
  @Test func concurrencyAndDryRun() throws {
    let options = try #require(clientOptions(["get", "--concurrency", "3", "--dry-run"]))
    #expect(options.concurrency == 3)
    #expect(options.dryRun)
  }

  @Test func concurrencyMustBeAPositiveWholeNumber() {
    #expect(
      usageError(["get", "--concurrency", "0"]) == "invalid --concurrency '0': must be at least 1")
    #expect(
      usageError(["get", "--concurrency", "x"]) == "invalid --concurrency 'x': not a whole number")
  }

  @Test func commandIsGetFeature() {
    #expect(parsedCommand(["get"]) is GetCommand)
    #expect(GetCommand.configuration.commandName == "get")
  }
}
