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
    ("x: caf\u{E9}", "non-printable or non-ASCII byte at position 4"),
    ("x: a\u{7F}", "position 2"), ("x: a\u{1}b", "use a name ending in -bin"),
  ])
  func refusesBadHeaders(argument: String, fragment: String) {
    #expect {
      try Metadata.parseHeaderArgument(argument)
    } throws: { error in
      (error as? MetadataError)?.description.contains(fragment) == true
    }
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
