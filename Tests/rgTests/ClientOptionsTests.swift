import Testing

@testable import rg

@Suite struct ClientOptionsTests {
  func parse(_ text: String) throws(OptionValueError) -> InputSource {
    try InputSource.parse(Array(text.utf8))
  }

  @Test func inputSourceForms() throws {
    #expect(try parse("@-") == .stdin)
    #expect(try parse("@a/b.json") == .file("a/b.json"))
    #expect(try parse("{}") == .literal(Array("{}".utf8)))
    #expect(try parse("") == .literal([]))
    #expect(throws: OptionValueError("expected a file name after '@'")) { try parse("@") }
  }

  /// JSON is kept as the bytes given, for the JSON reader to judge; a file name must be UTF-8.
  @Test func inputSourceBytes() throws {
    let json: [UInt8] = [0x22, 0xFF, 0x22]
    #expect(try InputSource.parse(json) == .literal(json))
    #expect(try InputSource.parse([0x40, 0x61, 0xC3, 0xA9]) == .file("aé"))
    #expect(throws: OptionValueError("byte 0xFF at position 3 is not UTF-8")) {
      try InputSource.parse([0x40, 0x61, 0xFF])
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
