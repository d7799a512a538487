import Testing

@testable import rg

@Suite struct ClientOptionsTests {
  @Test func inputSourceForms() throws {
    #expect(try InputSource.parse("@-") == .stdin)
    #expect(try InputSource.parse("@a/b.json") == .file("a/b.json"))
    #expect(try InputSource.parse("{}") == .literal("{}"))
    #expect(try InputSource.parse("") == .literal(""))
    #expect(throws: OptionValueError("expected a file name after '@'")) {
      try InputSource.parse("@")
    }
  }

  @Test func memberwiseDefaultsMatchTheDeclaredDefaults() throws {
    let options = ClientOptions(address: .tcp(host: "h", port: 1))
    #expect(
      options.connectTimeoutNanoseconds
        == (try DurationParser.parse(ClientOptions.defaultConnectTimeout)))
    #expect(
      options.maxMessageSize == (try ByteSizeParser.parse(ClientOptions.defaultMaxMessageSize)))
    #expect(options.concurrency == Int(ClientOptions.defaultConcurrency))
    #expect(options.tls != nil)
  }
}
