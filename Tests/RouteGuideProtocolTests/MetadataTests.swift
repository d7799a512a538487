import RouteGuideProtocol
import Testing

@Suite struct MetadataTests {
  @Test(arguments: [
    ("x-trace: abc", "x-trace", "abc"), ("X-Trace-ID:  42 ", "x-trace-id", "42"),
    ("a_b.c-1:v:w", "a_b.c-1", "v:w"), ("empty:", "empty", ""), ("\tTab:\tvalue\t", "tab", "value"),
    ("authorization: Bearer x.y.z", "authorization", "Bearer x.y.z"), ("k: ~ !", "k", "~ !"),
  ])
  func parsesNameAndValue(argument: String, name: String, value: String) throws {
    let header = try Metadata.parseHeaderArgument(argument)
    #expect(header.name == name)
    #expect(header.value == value)
  }

  @Test func binaryValuesAreBase64OnTheWire() throws {
    let header = try Metadata.parseHeaderArgument("Token-Bin: héllo\u{1}")
    #expect(header.name == "token-bin")
    #expect(Base64.decode(header.value) == Array("héllo\u{1}".utf8))
    #expect(try Metadata.parseHeaderArgument("x-bin:").value == "")
  }

  @Test(arguments: [
    ("novalue", "expected 'name: value'"), (": x", "pseudo-headers are set by rg"),
    (":authority: x", "pseudo-headers"), ("bad name: x", "invalid header name 'bad name'"),
    ("naïve: x", "invalid header name"), ("a/b: x", "invalid header name"),
    (" : x", "empty header name"), ("TE: trailers", "header 'te' is reserved"),
    ("content-type: text/plain", "reserved"), ("Host: x", "use --authority"),
    ("grpc-timeout: 1S", "--timeout"), ("grpc-status: 0", "grpc-* names are reserved"),
    ("Connection: close", "reserved"), ("user-agent: x", "reserved"),
    ("x: caf\u{E9}", "non-printable or non-ASCII byte 0xC3 at position 4"),
    ("x: a\u{7F}", "position 2"), ("x: a\u{1}b", "use a name ending in -bin"),
  ])
  func refusesBadHeaders(argument: String, fragment: String) {
    #expect {
      try Metadata.parseHeaderArgument(argument)
    } throws: { error in
      (error as? MetadataError)?.description.contains(fragment) == true
    }
  }

  /// Given as bytes, a `-bin` value is sent as exactly those bytes, UTF-8 or not; any other
  /// value names the first byte that cannot be sent.
  @Test func headerArgumentBytes() throws {
    let binary = try Metadata.parseHeaderArgument(Array("X-Raw-Bin: ".utf8) + [0xFF, 0x00, 0x80])
    #expect(binary.name == "x-raw-bin")
    #expect(Base64.decode(binary.value) == [0xFF, 0x00, 0x80])
    #expect(
      throws: MetadataError(
        "value of header 'x' has a non-printable or non-ASCII byte 0xFF at position 2 (use a "
          + "name ending in -bin for binary values)")
    ) {
      try Metadata.parseHeaderArgument(Array("x: a".utf8) + [0xFF])
    }
    #expect(throws: MetadataError.self) { try Metadata.parseHeaderArgument([0x78, 0xFF, 0x3A]) }
  }

  @Test func collectsEntriesInOrder() {
    var metadata = Metadata()
    metadata.append(name: "a", value: "1")
    metadata.append(name: "b", value: "2")
    metadata.append(name: "a", value: "3")
    #expect(metadata.values(for: "a") == ["1", "3"])
    #expect(metadata.entries.map(\.name) == ["a", "b", "a"])
    #expect(Metadata.isBinary("x-bin"))
    #expect(!Metadata.isBinary("bin"))
    #expect(Metadata.reservation(of: "x-custom") == nil)
  }
}
