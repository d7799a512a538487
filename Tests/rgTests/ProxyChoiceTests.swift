import RouteGuideTransport
import Testing

@testable import rg

/// Which proxy the environment names for an address (grpc_proxy, https_proxy, http_proxy,
/// no_proxy), and the no_proxy forms curl and Go accept.
@Suite struct ProxyChoiceTests {
  static let remote = ServerAddress.tcp(host: "api.example.com", port: 443)

  static func choose(
    _ address: ServerAddress = remote, tls: Bool = true, grpc: String? = nil,
    https: String? = nil, http: String? = nil, noProxy: String? = nil
  ) -> String? {
    ProxyChoice.select(
      for: address, tls: tls,
      environment: ProxyChoice.Environment(
        grpcProxy: grpc, httpsProxy: https, httpProxy: http, noProxy: noProxy)
    )
    .map { "\($0.name)=\($0.text)" }
  }

  @Test func grpcProxyComesFirstThenTheSchemesVariable() {
    #expect(Self.choose(grpc: "g:1", https: "s:1", http: "h:1") == "$grpc_proxy=g:1")
    #expect(Self.choose(https: "s:1", http: "h:1") == "$https_proxy=s:1")
    #expect(Self.choose(tls: false, https: "s:1", http: "h:1") == "$http_proxy=h:1")
    #expect(Self.choose(tls: true, http: "h:1") == nil)
    #expect(Self.choose(tls: false, https: "s:1") == nil)
    #expect(Self.choose() == nil)
  }

  @Test func loopbackAndUnixSocketsAreNeverProxiedByTheEnvironment() {
    for host in ["localhost", "LOCALHOST.", "app.localhost", "127.0.0.1", "127.8.9.10", "::1"] {
      #expect(Self.choose(.tcp(host: host, port: 1), grpc: "p:1") == nil, "\(host)")
    }
    #expect(Self.choose(.unix(path: "/run/rg.sock"), grpc: "p:1") == nil)
    #expect(Self.choose(.tcp(host: "128.0.0.1", port: 1), grpc: "p:1") == "$grpc_proxy=p:1")
  }

  @Test func noProxyForms() {
    let cases: [(String, String, UInt16, Bool)] = [
      ("*", "anything.org", 1, true),
      ("example.com", "api.example.com", 443, true),
      ("example.com", "example.com", 443, true),
      (".example.com", "api.example.com", 443, true),
      ("*.example.com", "api.example.com", 443, true),
      ("example.com", "notexample.com", 443, false),
      ("other.org, example.com", "API.Example.COM.", 443, true),
      ("example.com:443", "api.example.com", 443, true),
      ("example.com:8443", "api.example.com", 443, false),
      ("10.0.0.0/8", "10.1.2.3", 50051, true),
      ("10.0.0.0/8", "11.1.2.3", 50051, false),
      ("10.0.0.0/8", "ten.example", 50051, false),
      ("192.168.1.7", "192.168.1.7", 1, true),
      ("192.168.1.7", "192.168.1.8", 1, false),
      ("fd00::/8", "fd12::1", 1, true),
      ("[2001:db8::1]:443", "2001:db8::1", 443, true),
      ("2001:db8::1", "2001:db8:0:0::1", 1, true),
      ("", "example.com", 1, false),
    ]
    for (noProxy, host, port, bypassed) in cases {
      #expect(
        ProxyChoice.bypasses(host: host, port: port, noProxy: noProxy) == bypassed,
        "no_proxy=\(noProxy) host=\(host):\(port)")
    }
    #expect(Self.choose(https: "p:1", noProxy: "example.com") == nil)
    #expect(Self.choose(https: "p:1", noProxy: "example.org") == "$https_proxy=p:1")
  }

  @Test func cidrEdges() {
    #expect(IPAddressBytes.contains(cidr: "0.0.0.0/0", address: "8.8.8.8"))
    #expect(IPAddressBytes.contains(cidr: "10.0.0.0/9", address: "10.127.0.1"))
    #expect(!IPAddressBytes.contains(cidr: "10.0.0.0/9", address: "10.128.0.1"))
    #expect(!IPAddressBytes.contains(cidr: "10.0.0.0/33", address: "10.0.0.1"))
    #expect(!IPAddressBytes.contains(cidr: "10.0.0.0/8", address: "::1"))
  }
}
