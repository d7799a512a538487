import Foundation
import TestSupport
import Testing

/// The system trust store as OpenSSL users know it (issue 15): SSL_CERT_DIR (a hashed
/// directory, as c_rehash and update-ca-certificates make them) and SSL_CERT_FILE name it,
/// read as options; --cacert and --insecure make it unnecessary, so nothing of it is loaded.
/// (That the bundle is not parsed when the directory can stand for it is TLSSystemTrustTests'
/// and `make bench`'s: the `get over TLS` row.)
@Suite(.timeLimit(.minutes(2))) struct SystemTrustStoreTests {
  static let point = #"{"latitude":409146138,"longitude":-746188906}"#

  static func rg(_ arguments: [String], environment: [String: String], timeout: Double = 30)
    async throws -> SubprocessResult
  {
    var env = ProcessInfo.processInfo.environment
    for name in ["SSL_CERT_FILE", "SSL_CERT_DIR", "grpc_proxy", "https_proxy", "HTTPS_PROXY"] {
      env[name] = nil
    }
    env.merge(environment) { _, new in new }
    let finalEnvironment = env
    return try await onOwnThread {
      try Subprocess.run(
        RepoPaths.rgBinary, ["get", "-d", point] + arguments, environment: finalEnvironment,
        timeout: timeout)
    }
  }

  /// A directory holding the test CA under its subject-hash name.
  static func hashedStore() throws -> TemporaryDirectory {
    let certs = try TestCertificates.shared()
    let store = try TemporaryDirectory()
    let pem = try String(contentsOfFile: certs.caCertificate, encoding: .utf8)
    _ = try store.write("rg-test-ca.pem", pem)
    let rehash = try Subprocess.run("/usr/bin/openssl", ["rehash", store.path], timeout: 30)
    guard rehash.status == 0 else { throw SubprocessError("openssl rehash: \(rehash.stderrText)") }
    return store
  }

  static func serve() throws -> ServerProcess {
    let certs = try TestCertificates.shared()
    return try ServerProcess.rgServe([
      "--tls-cert", certs.serverCertificate, "--tls-key", certs.serverKey,
    ])
  }

  @Test func sslCertDirIsLookedUp() async throws {
    let server = try Self.serve()
    defer { server.stop() }
    let store = try Self.hashedStore()
    let result = try await Self.rg(
      ["localhost:\(server.port)"], environment: ["SSL_CERT_DIR": "/nonexistent:" + store.path])
    #expect(result.status == 0, "\(result.summary)")
    #expect(result.stdoutText.contains("Berkshire Valley"))
  }

  @Test func sslCertFileIsLoaded() async throws {
    let certs = try TestCertificates.shared()
    let server = try Self.serve()
    defer { server.stop() }
    let result = try await Self.rg(
      ["localhost:\(server.port)"], environment: ["SSL_CERT_FILE": certs.caCertificate])
    #expect(result.status == 0, "\(result.summary)")
    // With the CA's directory too, and a chain that needs the bundle's CA, both count.
    let store = try Self.hashedStore()
    let both = try await Self.rg(
      ["localhost:\(server.port)"],
      environment: ["SSL_CERT_FILE": certs.caCertificate, "SSL_CERT_DIR": store.path])
    #expect(both.status == 0, "\(both.summary)")
  }

  /// A bundle is read only when the directories lack the issuer: one that is not even PEM is
  /// never looked at while SSL_CERT_DIR has the CA (before, rg parsed the whole bundle first,
  /// 20 ms for the system's), and is when it does not.
  @Test func theBundleIsReadOnlyWhenTheDirectoriesLackTheIssuer() async throws {
    let server = try Self.serve()
    defer { server.stop() }
    let store = try Self.hashedStore()
    let garbage = try store.write("garbage.txt", "not a certificate\n")
    // A FIFO nobody writes to: opening it to read blocks, so a run that reads the bundle
    // first never finishes (the old eager load hung here until killed).
    let fifo = store.path + "/bundle.fifo"
    #expect(mkfifo(fifo, 0o600) == 0)
    let lazy = try await Self.rg(
      ["localhost:\(server.port)"],
      environment: ["SSL_CERT_DIR": store.path, "SSL_CERT_FILE": fifo],
      timeout: 10)
    #expect(lazy.status == 0, "\(lazy.summary)")
    let needed = try await Self.rg(
      ["localhost:\(server.port)"],
      environment: ["SSL_CERT_DIR": "/nonexistent", "SSL_CERT_FILE": garbage])
    #expect(needed.status == 1, "\(needed.summary)")
    #expect(needed.stderrText.contains("unable to get local issuer certificate"))
  }

  @Test func withoutThemTheTestCAIsNotTrusted() async throws {
    let server = try Self.serve()
    defer { server.stop() }
    let result = try await Self.rg(["localhost:\(server.port)"], environment: [:])
    #expect(result.status == 1, "\(result.summary)")
    #expect(result.stderrText.contains("unable to get local issuer certificate"))
  }

  @Test func anUnreadableSSLCertFileIsNamed() async throws {
    let server = try Self.serve()
    defer { server.stop() }
    let result = try await Self.rg(
      ["localhost:\(server.port)"], environment: ["SSL_CERT_FILE": "/nonexistent/ca.pem"])
    #expect(result.status == 1, "\(result.summary)")
    #expect(
      result.stderrText.hasPrefix("rg: cannot load SSL_CERT_FILE /nonexistent/ca.pem: "),
      "\(result.stderrText)")
  }

  /// With --cacert or --insecure the system store is not needed, so not even a broken
  /// SSL_CERT_FILE is looked at.
  @Test func cacertAndInsecureLoadNothingOfTheSystemStore() async throws {
    let certs = try TestCertificates.shared()
    let server = try Self.serve()
    defer { server.stop() }
    let broken = ["SSL_CERT_FILE": "/nonexistent/ca.pem", "SSL_CERT_DIR": "/nonexistent"]
    let cacert = try await Self.rg(
      ["--cacert", certs.caCertificate, "localhost:\(server.port)"], environment: broken)
    #expect(cacert.status == 0, "\(cacert.summary)")
    let insecure = try await Self.rg(["-k", "localhost:\(server.port)"], environment: broken)
    #expect(insecure.status == 0, "\(insecure.summary)")
  }
}
