import ArgumentParsing
import RouteGuideTransport
import Testing

@testable import rg

@Suite struct DescribeOptionsTests {
  func options(_ words: [String], environment: [String: String] = [:]) -> DescribeOptions? {
    (parsedCommand(["describe"] + words, environment: environment) as? DescribeCommand)?.options
  }

  @Test func withoutSymbolItListsTheServices() throws {
    let parsed = try #require(options(["--plaintext"]))
    #expect(parsed.mode == .services)
    #expect(parsed.format == .text)
    #expect(parsed.client.address == .tcp(host: "localhost", port: 50051))
    #expect(parsed.client.timeoutNanoseconds == DescribeOptions.defaultTimeoutNanoseconds)
  }

  @Test func addressThenSymbol() throws {
    let parsed = try #require(options(["http://h:1", "routeguide.Point", "--format", "json"]))
    #expect(parsed.mode == .symbol("routeguide.Point"))
    #expect(parsed.format == .json)
    #expect(parsed.client.address == .tcp(host: "h", port: 1))
    #expect(parsed.client.tls == nil)
  }

  @Test func oneWordWithoutAColonIsTheSymbol() throws {
    let parsed = try #require(
      options(["routeguide.Point"], environment: ["RG_ADDRESS": "http://env:2"]))
    #expect(parsed.mode == .symbol("routeguide.Point"))
    #expect(parsed.client.address == .tcp(host: "env", port: 2))
    let withDefault = try #require(options(["routeguide.RouteGuide", "--timeout", "5s"]))
    #expect(withDefault.mode == .symbol("routeguide.RouteGuide"))
    #expect(withDefault.client.address == .tcp(host: "localhost", port: 50051))
    #expect(withDefault.client.timeoutNanoseconds == 5_000_000_000)
    #expect(try #require(options(["unix:/tmp/s"])).client.address == .unix(path: "/tmp/s"))
  }

  @Test func checkTakesNoSymbol() throws {
    #expect(try #require(options(["--check", "h:1"])).mode == .check)
    #expect(
      usageError(["describe", "--check", "h:1", "routeguide.Point"])?.contains("SYMBOL") == true)
    #expect(usageError(["describe", "--format", "yaml"])?.contains("text or json") == true)
  }

  @Test func sharesTheConnectionOptions() throws {
    let parsed = try #require(
      options(["--wait-for-ready", "-H", "a: b", "--max-msg-size", "1K", "-v", "h:1"]))
    #expect(parsed.client.waitForReady)
    #expect(parsed.client.headers.map(\.name) == ["a"])
    #expect(parsed.client.maxMessageSize == 1024)
    #expect(parsed.client.verbose)
    #expect(usageError(["describe", "-d", "{}"]) != nil)
  }
}
