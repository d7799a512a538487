import RouteGuideProtocol
import RouteGuideTransport
import Testing

@testable import rg

@Suite struct ClientOptionsValuesTests {
  @Test func defaults() throws {
    let options = try #require(clientOptions(["list"]))
    #expect(options.address == .tcp(host: "localhost", port: 50051))
    #expect(options.tls == TLSClientConfiguration())
    #expect(options.authority == nil)
    #expect(options.headers.isEmpty)
    #expect(options.timeoutNanoseconds == nil)
    #expect(options.connectTimeoutNanoseconds == 10_000_000_000)
    #expect(options.maxMessageSize == 4 << 20)
    #expect(options.mapping == JSONMappingOptions())
    #expect(!options.verbose)
    #expect(options.input == .stdin)
    #expect(options.concurrency == 64)
    #expect(!options.dryRun)
    #expect(options.compression == nil)
  }

  @Test(
    arguments: [("gzip", "gzip"), ("deflate", "deflate"), ("identity", nil)] as [(String, String?)])
  func compressNamesTheAlgorithm(_ value: String, _ name: String?) throws {
    let options = try #require(clientOptions(["chat", "--compress", value]))
    #expect(options.compression?.name == name)
  }

  @Test func addressFromArgumentThenEnvironment() throws {
    let environment = ["RG_ADDRESS": "env:1"]
    #expect(clientOptions(["get"], environment: environment)?.address == .tcp(host: "env", port: 1))
    #expect(
      clientOptions(["get", "arg:2"], environment: environment)?.address
        == .tcp(host: "arg", port: 2))
    #expect(
      usageError(["get"], environment: ["RG_ADDRESS": "nope"])
        == "invalid $RG_ADDRESS 'nope': missing port (expected host:port)")
    #expect(
      usageError(["get", "h:0"]) == "invalid ADDRESS 'h:0': port 0 is out of range (1-65535)")
  }

  /// `RG_ADDRESS=` is unset, as an empty variable is to Unix tools: the default address.
  @Test func emptyAddressVariableMeansTheDefault() {
    let options = clientOptions(["get"], environment: ["RG_ADDRESS": ""])
    #expect(options?.address == .tcp(host: "localhost", port: 50051))
    #expect(usageError(["get"], environment: ["RG_ADDRESS": ""]) == nil)
  }

  @Test func everyOptionLandsInItsField() throws {
    let options = try #require(
      clientOptions([
        "record", "--cacert", "ca.pem", "--cert", "c.pem", "--key", "k.pem", "--servername",
        "srv", "--authority", "auth:1", "-H", "X-One: 1", "--header=x-two-bin: ab", "--timeout",
        "1.5s", "--connect-timeout", "250ms", "--max-msg-size", "1K", "-d", "@in.json",
        "--emit-defaults", "--proto-names", "--allow-unknown-fields", "-v", "h:1",
      ]))
    #expect(
      options.tls
        == TLSClientConfiguration(
          caFile: "ca.pem", certificateFile: "c.pem", keyFile: "k.pem", serverName: "srv"))
    #expect(options.authority == "auth:1")
    #expect(options.headers.map(\.name) == ["x-one", "x-two-bin"])
    #expect(options.headers.map(\.value) == ["1", "YWI="])
    #expect(options.timeoutNanoseconds == 1_500_000_000)
    #expect(options.connectTimeoutNanoseconds == 250_000_000)
    #expect(options.maxMessageSize == 1024)
    #expect(options.input == .file("in.json"))
    #expect(
      options.mapping
        == JSONMappingOptions(emitDefaults: true, protoNames: true, allowUnknownFields: true))
    #expect(options.verbose)
  }

  @Test func plaintextFromFlagOrHTTPAddress() throws {
    #expect(clientOptions(["chat", "--plaintext", "h:1"])?.tls == nil)
    #expect(clientOptions(["chat", "http://h:1"])?.tls == nil)
    #expect(clientOptions(["chat", "unix:/s", "--plaintext"])?.address == .unix(path: "/s"))
    #expect(clientOptions(["chat", "https://h"])?.tls == TLSClientConfiguration())
    #expect(clientOptions(["chat", "-k", "h:1"])?.tls?.insecure == true)
  }

  @Test(arguments: [
    (["--plaintext", "https://h"], "--plaintext conflicts with the https:// address"),
    (["--plaintext", "-k"], "--insecure needs TLS, but --plaintext turns it off"),
    (
      ["--cacert", "ca.pem", "http://h:1"],
      "--cacert needs TLS, but the http:// address turns it off"
    ),
    (["--plaintext", "--servername", "x"], "--servername needs TLS, but --plaintext turns it off"),
    (
      ["--plaintext", "--cert", "c", "--key", "k"], "--cert needs TLS, but --plaintext turns it off"
    ),
    (["--cert", "c.pem"], "--cert needs --key (the private key of the client certificate)"),
    (["--key", "k.pem"], "--key needs --cert (the client certificate)"),
    (["-d", "{}", "-d", "{}"], "--data may be given only once"),
    (["-d", "@"], "invalid --data '@': expected a file name after '@'"),
    (["--timeout", "0"], "invalid --timeout '0': a duration must be greater than 0"),
    (
      ["--connect-timeout", "soon"],
      "invalid --connect-timeout 'soon': expected a number with an optional unit, like 250ms, 5s, 1m or 1h"
    ),
    (["--max-msg-size", "4X"], "invalid --max-msg-size '4X': unknown unit 'X' (use K, M or G)"),
    (
      ["--compress", "zstd"], "invalid --compress 'zstd': expected one of: identity, gzip, deflate"
    ),
    (["-H", "novalue"], "invalid --header 'novalue': expected 'name: value', got 'novalue'"),
    (["--authority", ""], "invalid --authority '': a name cannot be empty"),
    (
      ["--servername", "a b"],
      "invalid --servername 'a b': a name cannot contain spaces or control characters"
    ),
    (["--cacert="], "invalid --cacert '': a file name cannot be empty"),
    (["--timeout"], "missing value for --timeout DURATION"),
    (["a:1", "b:2"], "unexpected argument 'b:2'"),
    (["--plaintext=1"], "--plaintext does not take a value"),
  ])
  func usageErrors(words: [String], message: String) {
    #expect(usageError(["list"] + words) == message)
  }

  /// `-d` JSON and `-H` values are the bytes given; `-bin` values are base64 of exactly those.
  @Test func dataAndHeadersKeepTheirBytes() throws {
    let json: [UInt8] = Array(#"{"message":""#.utf8) + [0xFF] + Array(#""}"#.utf8)
    let header = Array("x-data-bin: ".utf8) + [0xFF, 0xC3, 0x28, 0x61]
    let outcome = parseRG(bytes: [
      Array("chat".utf8), Array("-d".utf8), json, Array("-H".utf8), header,
    ])
    guard case .run(let command as ChatCommand, _) = outcome else {
      Issue.record("not run: \(outcome)")
      return
    }
    #expect(command.options.input == .literal(json))
    #expect(command.options.headers.map(\.name) == ["x-data-bin"])
    #expect(command.options.headers.map(\.value) == ["/8MoYQ=="])
  }

  @Test func otherValuesThatAreNotUTF8AreUsageErrors() {
    let cases: [([[UInt8]], String)] = [
      (
        [Array("--cacert".utf8), [0x63, 0xFF]],
        "invalid --cacert 'c\\xFF': byte 0xFF at position 2 is not UTF-8"
      ),
      (
        [Array("-d".utf8), [0x40, 0xFF]],
        "invalid --data '@\\xFF': byte 0xFF at position 2 is not UTF-8"
      ),
      (
        [Array("-H".utf8), Array("x-a: ".utf8) + [0xFF]],
        "invalid --header 'x-a: \\xFF': value of header 'x-a' has a non-printable or non-ASCII byte 0xFF at position 1 (use a name ending in -bin for binary values)"
      ),
    ]
    for (words, message) in cases {
      guard case .usageError(let error) = parseRG(bytes: [Array("get".utf8)] + words) else {
        Issue.record("no usage error for \(words)")
        continue
      }
      #expect(error.message == message)
    }
  }

  @Test func dataSources() {
    #expect(
      clientOptions(["get", "-d", "{\"latitude\": 1}"])?.input
        == .literal(Array("{\"latitude\": 1}".utf8)))
    #expect(clientOptions(["get", "-d@-"])?.input == .stdin)
    #expect(clientOptions(["get", "--data=@p.json"])?.input == .file("p.json"))
  }
}

/// Proxy settings and the trust store's variables, read with the other options (issue 15).
@Suite struct ClientOptionsNetworkValuesTests {
  @Test func proxyFlagsOverrideTheEnvironment() throws {
    let environment = ["https_proxy": "http://env:1", "no_proxy": "example.com"]
    let fromEnvironment = clientOptions(["get", "grpc.io:443"], environment: environment)
    #expect(fromEnvironment?.proxy == HTTPProxy(host: "env", port: 1))
    #expect(fromEnvironment?.proxySource == "$https_proxy")
    let explicit = clientOptions(
      ["get", "--proxy", "http://u:p@flag:2", "localhost:1"], environment: environment)
    #expect(explicit?.proxy == HTTPProxy(host: "flag", port: 2, user: "u", password: "p"))
    #expect(explicit?.proxySource == "--proxy")
    #expect(
      clientOptions(["get", "--no-proxy", "grpc.io:443"], environment: environment)?.proxy == nil)
    #expect(clientOptions(["get", "api.example.com:443"], environment: environment)?.proxy == nil)
    #expect(clientOptions(["get", "unix:/s", "--proxy", "p:1"])?.proxy == nil)
    #expect(
      clientOptions(["get", "grpc.io:443"], environment: ["HTTPS_PROXY": "upper:3"])?.proxy
        == HTTPProxy(host: "upper", port: 3))
    #expect(
      usageError(["get", "--proxy", "p:1", "--no-proxy"]) == "--no-proxy conflicts with --proxy")
    #expect(
      usageError(["get", "--proxy", "ftp://p"])
        == "invalid --proxy 'ftp://p': unsupported proxy scheme 'ftp://' (rg speaks to proxies "
        + "over http://)")
    #expect(
      usageError(["get", "--plaintext", "grpc.io:80"], environment: ["http_proxy": "p:99999"])
        == "invalid proxy 'p:99999' in $http_proxy: port 99999 is out of range (1-65535)")
    #expect(
      usageError(["get", "grpc.io:443"], environment: ["https_proxy": "http://u:p%zz@h:1"])
        == "invalid proxy 'http://***@h:1' in $https_proxy: '%' must be followed by two hex "
        + "digits")
  }

  @Test func trustStoreVariablesAreReadAsOptions() throws {
    let options = clientOptions(
      ["get"], environment: ["SSL_CERT_FILE": "/b.pem", "SSL_CERT_DIR": "/d1:/d2"])
    #expect(
      options?.tls?.systemTrust == SystemTrustLocations(file: "/b.pem", directories: "/d1:/d2"))
    let empty = clientOptions(["get"], environment: ["SSL_CERT_FILE": "", "SSL_CERT_DIR": ""])
    #expect(empty?.tls?.systemTrust == SystemTrustLocations())
  }
}
