import RouteGuideTransport
import Testing

@testable import rg

@Suite struct AddressParserTests {
  typealias Parsed = AddressParser.Parsed

  @Test(arguments: [
    ("localhost:50051", Parsed(address: .tcp(host: "localhost", port: 50051), scheme: nil)),
    ("127.0.0.1:1", Parsed(address: .tcp(host: "127.0.0.1", port: 1), scheme: nil)),
    ("[::1]:443", Parsed(address: .tcp(host: "::1", port: 443), scheme: nil)),
    ("[fe80::1%eth0]:80", Parsed(address: .tcp(host: "fe80::1%eth0", port: 80), scheme: nil)),
    ("unix:/tmp/rg.sock", Parsed(address: .unix(path: "/tmp/rg.sock"), scheme: nil)),
    ("unix:///tmp/rg.sock", Parsed(address: .unix(path: "/tmp/rg.sock"), scheme: nil)),
    ("unix:rel.sock", Parsed(address: .unix(path: "rel.sock"), scheme: nil)),
    ("http://host:8080", Parsed(address: .tcp(host: "host", port: 8080), scheme: .http)),
    ("http://host", Parsed(address: .tcp(host: "host", port: 80), scheme: .http)),
    ("https://example.com", Parsed(address: .tcp(host: "example.com", port: 443), scheme: .https)),
    ("https://example.com/", Parsed(address: .tcp(host: "example.com", port: 443), scheme: .https)),
    ("HTTPS://h:9", Parsed(address: .tcp(host: "h", port: 9), scheme: .https)),
    ("https://[::1]", Parsed(address: .tcp(host: "::1", port: 443), scheme: .https)),
    ("h:65535", Parsed(address: .tcp(host: "h", port: 65535), scheme: nil)),
  ])
  func acceptsEveryForm(text: String, parsed: Parsed) throws {
    #expect(try AddressParser.parse(text) == parsed)
  }

  @Test(arguments: [
    ("", "an address cannot be empty"),
    ("localhost", "missing port (expected host:port)"),
    ("localhost:", "missing port after ':'"),
    (":50051", "missing host before ':'"),
    ("host:http", "port 'http' is not a number"),
    ("host:-1", "port '-1' is not a number"),
    ("host:0", "port 0 is out of range (1-65535)"),
    ("host:65536", "port 65536 is out of range (1-65535)"),
    ("host:99999999999999999999", "port 99999999999999999999 is out of range (1-65535)"),
    ("::1:50051", "an IPv6 address needs brackets, like [::1]:50051"),
    ("[::1:50051", "missing ']' after the IPv6 address"),
    ("[::1]50051", "expected ':' and a port after ']'"),
    ("[]:1", "empty IPv6 address in brackets"),
    ("[host]:1", "'host' is not an IPv6 address"),
    ("unix:", "'unix:' needs a socket path"),
    ("grpc://h:1", "unsupported scheme 'grpc://' (use http://, https:// or unix:)"),
    ("http://h:1/path", "an address cannot have a path"),
    ("my host:1", "'my host' is not a valid host name"),
  ])
  func rejectsWithTheReason(text: String, reason: String) {
    #expect(throws: OptionValueError(reason)) { try AddressParser.parse(text) }
  }
}
