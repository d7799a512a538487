import RouteGuideTransport
import Testing

@testable import rg

/// Proxy URLs as curl and gRPC runtimes write them.
@Suite struct ProxyParserTests {
  @Test func forms() throws {
    #expect(try ProxyParser.parse("http://proxy:3128") == HTTPProxy(host: "proxy", port: 3128))
    #expect(try ProxyParser.parse("proxy:3128") == HTTPProxy(host: "proxy", port: 3128))
    #expect(try ProxyParser.parse("http://proxy/") == HTTPProxy(host: "proxy", port: 80))
    #expect(try ProxyParser.parse("HTTP://[::1]:8080") == HTTPProxy(host: "::1", port: 8080))
    #expect(
      try ProxyParser.parse("http://al%69ce:p%40ss:word@10.0.0.1:3128")
        == HTTPProxy(host: "10.0.0.1", port: 3128, user: "alice", password: "p@ss:word"))
    #expect(
      try ProxyParser.parse("http://token@p:1") == HTTPProxy(host: "p", port: 1, user: "token"))
  }

  @Test func refusals() {
    for (text, reason) in [
      ("", "a proxy URL cannot be empty"),
      ("https://p:443", "unsupported proxy scheme 'https://' (rg speaks to proxies over http://)"),
      (
        "socks5://p:1080",
        "unsupported proxy scheme 'socks5://' (rg speaks to proxies over http://)"
      ),
      ("http://u:%zz@p:1", "'%' must be followed by two hex digits"),
      ("http://p:1/path", "an address cannot have a path"),
    ] {
      #expect(throws: OptionValueError(reason), "\(text)") { try ProxyParser.parse(text) }
    }
  }

  @Test func theDescriptionNeverShowsCredentials() {
    let proxy = HTTPProxy(host: "p", port: 1, user: "alice", password: "secret")
    #expect(proxy.description == "http://p:1")
  }

  @Test(arguments: [
    ("http://u:p%zz@h:1", "http://***@h:1"), ("u:secret@proxy:3128", "***@proxy:3128"),
    ("http://proxy:3128", "http://proxy:3128"), ("http://a@b@h", "http://***@h"),
  ])
  func messagesNeverShowCredentials(text: String, shown: String) {
    #expect(ProxyParser.redacted(text) == shown)
  }
}
