import Foundation
import TestSupport
import Testing

/// rg through a real HTTP proxy (tinyproxy on loopback, issue 15): a CONNECT tunnel with and
/// without Basic credentials, to plaintext and TLS servers (TLS verified against the server's
/// name inside the tunnel), the proxy variables and what overrides them, and a proxy that
/// refuses or is not there: one `rg:` line naming the proxy and its answer, exit 78.
@Suite(.timeLimit(.minutes(2))) struct ProxyTests {
  static let point = #"{"latitude":409146138,"longitude":-746188906}"#
  static let feature = "Berkshire Valley"

  /// rg with `environment` added to a copy of this process's, less any proxy variable the
  /// machine may have set.
  static func rg(_ arguments: [String], environment: [String: String] = [:]) async throws
    -> SubprocessResult
  {
    var env = ProcessInfo.processInfo.environment
    for name in [
      "grpc_proxy", "https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY", "no_proxy",
      "NO_PROXY",
    ] {
      env[name] = nil
    }
    env.merge(environment) { _, new in new }
    let finalEnvironment = env
    return try await onOwnThread {
      try Subprocess.run(
        RepoPaths.rgBinary, ["get", "-d", point] + arguments, environment: finalEnvironment,
        timeout: 30)
    }
  }

  static func tlsServe() throws -> ServerProcess {
    let certs = try TestCertificates.shared()
    return try ServerProcess.rgServe([
      "--tls-cert", certs.serverCertificate, "--tls-key", certs.serverKey,
    ])
  }

  @Test func tlsThroughAProxyWithCredentials() async throws {
    let certs = try TestCertificates.shared()
    let server = try Self.tlsServe()
    defer { server.stop() }
    let proxy = try TinyProxy(credentials: ("alice", "s3cret"))
    // Percent-encoded as URLs carry user names: %69 is "i".
    let url = "http://al%69ce:s3cret@127.0.0.1:\(proxy.port)"
    let result = try await Self.rg([
      "-v", "--proxy", url, "--cacert", certs.caCertificate, "localhost:\(server.port)",
    ])
    #expect(result.status == 0, "\(result.summary)")
    #expect(result.stdoutText.contains(Self.feature))
    #expect(
      result.stderrText.contains(
        "* connecting to localhost:\(server.port) (TLS) through proxy \(proxy.url) (--proxy)"),
      "\(result.stderrText)")
    #expect(result.stderrText.contains("via proxy \(proxy.url)"), "\(result.stderrText)")
    #expect(!result.stderrText.contains("s3cr"), "the password must never be shown")
    #expect(proxy.log.contains("CONNECT"), "\(proxy.log)")
  }

  @Test func plaintextThroughAProxyWithoutCredentials() async throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let proxy = try TinyProxy()
    let result = try await Self.rg(["--plaintext", "--proxy", proxy.url, server.address])
    #expect(result.status == 0, "\(result.summary)")
    #expect(result.stdoutText.contains(Self.feature))
    #expect(proxy.log.contains("CONNECT"), "\(proxy.log)")
  }

  @Test func missingOrWrongCredentialsAreOneLineAndExit78() async throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let proxy = try TinyProxy(credentials: ("alice", "secret"))
    let missing = try await Self.rg(["--plaintext", "--proxy", proxy.url, server.address])
    #expect(missing.status == 78, "\(missing.summary)")
    #expect(
      missing.stderrText
        == "rg: UNAVAILABLE: proxy \(proxy.url) refused CONNECT to \(server.address): "
        + "407 Proxy Authentication Required\n")
    let wrong = try await Self.rg([
      "--plaintext", "--proxy", "http://alice:guess@127.0.0.1:\(proxy.port)", server.address,
    ])
    #expect(wrong.status == 78, "\(wrong.summary)")
    #expect(wrong.stderrText.hasPrefix("rg: UNAVAILABLE: proxy \(proxy.url) refused CONNECT"))
    #expect(wrong.stderrText.split(separator: "\n").count == 1)
  }

  /// tinyproxy with `ConnectPort 443` forbids tunnels to any other port: 403.
  @Test func aForbiddenTunnelIsOneLineAndExit78() async throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let proxy = try TinyProxy(connectPorts: [443])
    let result = try await Self.rg(["--plaintext", "--proxy", proxy.url, server.address])
    #expect(result.status == 78, "\(result.summary)")
    #expect(
      result.stderrText.hasPrefix(
        "rg: UNAVAILABLE: proxy \(proxy.url) refused CONNECT to \(server.address): 403"),
      "\(result.stderrText)")
  }

  @Test func aProxyThatIsDownIsNamed() async throws {
    let port = try NetworkFixtures.unusedPort()
    let result = try await Self.rg([
      "--plaintext", "--proxy", "127.0.0.1:\(port)", "localhost:50051",
    ])
    #expect(result.status == 78, "\(result.summary)")
    #expect(
      result.stderrText
        == "rg: UNAVAILABLE: connection refused by proxy http://127.0.0.1:\(port)\n")
  }

  /// https_proxy for a TLS address whose name only the proxy can resolve (tinyproxy runs with
  /// its own /etc/hosts): rg never resolves the server's name, and verifies the certificate
  /// against it through the tunnel.
  @Test func httpsProxyVariableTunnelsToANameOnlyTheProxyKnows() async throws {
    let certs = try TestCertificates.shared()
    let directory = try TemporaryDirectory()
    let leaf = directory.path + "/grpc-test"
    try TestCertificates.makeLeaf(
      leaf, ca: certs.directory + "/ca", name: "grpc.test", san: "DNS:grpc.test",
      usage: "serverAuth")
    let server = try ServerProcess.rgServe([
      "--tls-cert", leaf + ".crt", "--tls-key", leaf + ".key",
    ])
    defer { server.stop() }
    let proxy = try TinyProxy(hosts: "127.0.0.1 localhost\n127.0.0.1 grpc.test\n")
    let target = "grpc.test:\(server.port)"
    let viaVariable = try await Self.rg(
      ["-v", "--cacert", certs.caCertificate, target], environment: ["https_proxy": proxy.url])
    #expect(viaVariable.status == 0, "\(viaVariable.summary)")
    #expect(viaVariable.stderrText.contains("through proxy \(proxy.url) ($https_proxy)"))
    let viaGRPCProxy = try await Self.rg(
      ["--cacert", certs.caCertificate, target],
      environment: ["grpc_proxy": proxy.url, "https_proxy": "http://127.0.0.1:1"])
    #expect(viaGRPCProxy.status == 0, "grpc_proxy comes first: \(viaGRPCProxy.summary)")
    let plaintextVariableOnly = try await Self.rg(
      ["--cacert", certs.caCertificate, target], environment: ["http_proxy": proxy.url])
    #expect(plaintextVariableOnly.status == 78, "http_proxy is for plaintext")
    #expect(plaintextVariableOnly.stderrText.contains("could not resolve grpc.test"))
    for bypass in [["NO_PROXY": ".test"], ["no_proxy": "grpc.test:\(server.port)"]] {
      let direct = try await Self.rg(
        ["--cacert", certs.caCertificate, target],
        environment: bypass.merging(["HTTPS_PROXY": proxy.url]) { a, _ in a })
      #expect(direct.stderrText.contains("could not resolve grpc.test"), "\(bypass)")
    }
    let noProxyFlag = try await Self.rg(
      ["--no-proxy", "--cacert", certs.caCertificate, target],
      environment: ["https_proxy": proxy.url])
    #expect(noProxyFlag.stderrText.contains("could not resolve grpc.test"))
  }

  /// A proxy from the environment is not used for loopback, only one named with --proxy.
  @Test func loopbackIsNotProxiedByTheEnvironment() async throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let dead = "http://127.0.0.1:\(try NetworkFixtures.unusedPort())"
    for address in [server.address, "localhost:\(server.port)"] {
      let result = try await Self.rg(
        ["--plaintext", address], environment: ["http_proxy": dead, "grpc_proxy": dead])
      #expect(result.status == 0, "\(address): \(result.summary)")
    }
    let named = try await Self.rg(["--plaintext", "--proxy", dead, server.address])
    #expect(named.status == 78, "\(named.summary)")
  }

  @Test func aBadProxyVariableIsAUsageError() async throws {
    let result = try await Self.rg(
      ["--plaintext", "example.com:50051"], environment: ["http_proxy": "socks5://p:1080"])
    #expect(result.status == 2, "\(result.summary)")
    #expect(result.stderrText.contains("$http_proxy"), "\(result.stderrText)")
  }
}
