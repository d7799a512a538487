import Foundation
import TestSupport
import Testing

/// TLS that must fail, through the real rg binary: a specific one-line message, exit 1 (or
/// UNAVAILABLE for a peer that is not TLS at all), at once rather than at a timeout, and no
/// request byte sent before the server is verified (the peer logs whether the handshake
/// completed and what arrived after it).
@Suite(.timeLimit(.minutes(2))) struct TLSNegativeTests {
  static let point = #"{"latitude":1}"#

  /// A TLS peer (Tests/Interop/h2_misbehaving_peer.py, scenario tls-only) with this identity.
  static func tlsPeer(_ certificate: String, _ key: String, _ extra: [String] = []) throws
    -> FaultPeer
  {
    try FaultPeer("tls-only", ["--tls-cert", certificate, "--tls-key", key] + extra)
  }

  /// rg get against `address`, trusting the test CA unless `options` say otherwise.
  static func get(_ address: String, _ options: [String]? = nil) throws
    -> (result: SubprocessResult, seconds: Double)
  {
    let trust = try options ?? ["--cacert", TestCertificates.shared().caCertificate]
    return try FaultRun.timedRG(["get"] + trust + [address], stdin: point)
  }

  /// The handshake failed on the peer's side: not one application byte can have arrived.
  static func expectHandshakeRefused(
    _ peer: FaultPeer, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let events = peer.eventsAfterClose()
    let tls = events.first { $0.event == "tls" }
    #expect(tls?.ok == false, "\(events)", sourceLocation: sourceLocation)
  }

  static func expectFailure(
    _ run: (result: SubprocessResult, seconds: Double), exit: Int32 = 1, _ message: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let rg = run.result
    #expect(rg.status == exit, "\(rg.summary)", sourceLocation: sourceLocation)
    #expect(rg.stdoutText == "", sourceLocation: sourceLocation)
    #expect(rg.stderrText.hasPrefix("rg: "), "\(rg.stderrText)", sourceLocation: sourceLocation)
    #expect(rg.stderrText.contains(message), "\(rg.stderrText)", sourceLocation: sourceLocation)
    #expect(
      rg.stderrText.split(separator: "\n").count == 1, "\(rg.stderrText)",
      sourceLocation: sourceLocation)
    #expect(run.seconds < 3, "took \(run.seconds) s", sourceLocation: sourceLocation)
  }

  @Test func expiredCertificate() throws {
    let leaf = try DatedCertificates.shared().expired
    let peer = try Self.tlsPeer(leaf.certificate, leaf.key)
    Self.expectFailure(
      try Self.get(peer.address), "certificate verify failed: certificate has expired")
    Self.expectHandshakeRefused(peer)
  }

  @Test func notYetValidCertificate() throws {
    let leaf = try DatedCertificates.shared().notYetValid
    let peer = try Self.tlsPeer(leaf.certificate, leaf.key)
    Self.expectFailure(
      try Self.get(peer.address), "certificate verify failed: certificate is not yet valid")
    Self.expectHandshakeRefused(peer)
  }

  /// A certificate for wrong.example, reached by IP address and by host name: the message
  /// names both.
  @Test(arguments: ["127.0.0.1", "localhost"])
  func wrongHostName(_ host: String) throws {
    let certs = try TestCertificates.shared()
    let peer = try Self.tlsPeer(certs.wrongNameCertificate, certs.wrongNameKey)
    let address = "\(host):\(peer.process.port)"
    Self.expectFailure(
      try Self.get(address),
      "certificate verify failed: certificate is for wrong.example, not \(host)")
    Self.expectHandshakeRefused(peer)
  }

  @Test func untrustedCA() throws {
    let certs = try TestCertificates.shared()
    let peer = try Self.tlsPeer(certs.serverCertificate, certs.serverKey)
    Self.expectFailure(
      try Self.get(peer.address, ["--cacert", certs.otherCACertificate]),
      "certificate verify failed: unable to get local issuer certificate")
    Self.expectHandshakeRefused(peer)
  }

  /// The handshake completes, but without h2: rg must hang up before sending its preface.
  @Test func serverWithoutALPNh2() throws {
    let certs = try TestCertificates.shared()
    let peer = try Self.tlsPeer(certs.serverCertificate, certs.serverKey, ["--alpn", "http/1.1"])
    Self.expectFailure(try Self.get(peer.address), "server did not negotiate HTTP/2 via ALPN")
    let events = peer.events { $0.contains { $0.event == "tls-bytes" } }
    #expect(events.first { $0.event == "tls" }?.ok == true, "\(events)")
    #expect(events.first { $0.event == "tls-bytes" }?.received == 0, "\(events)")
  }

  @Test func mutualTLSWithoutAClientCertificate() throws {
    let certs = try TestCertificates.shared()
    let peer = try Self.tlsPeer(
      certs.serverCertificate, certs.serverKey, ["--client-ca", certs.caCertificate])
    Self.expectFailure(try Self.get(peer.address), "certificate required")
    Self.expectHandshakeRefused(peer)
  }

  @Test func mutualTLSWithAForeignClientCertificate() throws {
    let certs = try TestCertificates.shared()
    let peer = try Self.tlsPeer(
      certs.serverCertificate, certs.serverKey, ["--client-ca", certs.caCertificate])
    let options = [
      "--cacert", certs.caCertificate, "--cert", certs.otherClientCertificate, "--key",
      certs.otherClientKey,
    ]
    Self.expectFailure(
      try Self.get(peer.address, options), "the server did not accept our client certificate")
    Self.expectHandshakeRefused(peer)
  }

  /// TLS to a plaintext HTTP/2 server (rg serve, grpcio): the server's answer to a
  /// ClientHello is not TLS, and rg says so at once.
  @Test(arguments: ["rg", "grpcio"])
  func tlsClientAgainstPlaintextServer(_ server: String) throws {
    let process = try server == "rg" ? ServerProcess.rgServe() : ServerProcess.pythonRouteGuide()
    Self.expectFailure(
      try Self.get(process.address, ["--cacert", TestCertificates.shared().caCertificate]),
      "wrong version number (is the server using plaintext? then use --plaintext or an http:// "
        + "address)")
  }

  /// Plaintext HTTP/2 to a TLS server: the server hangs up on the preface; rg reports it at
  /// once as UNAVAILABLE with a hint, not at the connect timeout.
  @Test func plaintextClientAgainstTLSServer() throws {
    let certs = try TestCertificates.shared()
    let server = try ServerProcess.rgServe([
      "--tls-cert", certs.serverCertificate, "--tls-key", certs.serverKey,
    ])
    Self.expectFailure(
      try Self.get(server.address, ["--plaintext"]), exit: 78,
      "before its HTTP/2 SETTINGS (does the server expect TLS?)")
  }
}

/// Certificates outside their validity period, signed by the test CA (made with `openssl ca`,
/// which can set the start date; once per test process).
struct DatedCertificates: Sendable {
  let expired: (certificate: String, key: String)
  let notYetValid: (certificate: String, key: String)

  private static let made: Result<DatedCertificates, SubprocessError> = {
    do { return .success(try DatedCertificates(make: ())) } catch let error as SubprocessError {
      return .failure(error)
    } catch { return .failure(SubprocessError("\(error)")) }
  }()

  static func shared() throws -> DatedCertificates { try made.get() }

  private init(make: Void) throws {
    let certs = try TestCertificates.shared()
    let dir = certs.directory + "/dated"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try "".write(toFile: dir + "/index.txt", atomically: true, encoding: .utf8)
    try "01\n".write(toFile: dir + "/serial", atomically: true, encoding: .utf8)
    let config = """
      [ca]
      default_ca = test
      [test]
      database = \(dir)/index.txt
      new_certs_dir = \(dir)
      serial = \(dir)/serial
      default_md = sha256
      policy = anything
      unique_subject = no
      [anything]
      commonName = supplied
      """
    try config.write(toFile: dir + "/ca.cnf", atomically: true, encoding: .utf8)
    let extensions =
      "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
      + "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\n"
    try extensions.write(toFile: dir + "/ext", atomically: true, encoding: .utf8)
    expired = try Self.leaf(
      dir, "expired", ca: certs.directory + "/ca", "20200101000000Z", "20200201000000Z")
    notYetValid = try Self.leaf(
      dir, "future", ca: certs.directory + "/ca", "20990101000000Z", "20990201000000Z")
  }

  private static func leaf(
    _ dir: String, _ name: String, ca: String, _ start: String, _ end: String
  )
    throws -> (certificate: String, key: String)
  {
    let base = dir + "/" + name
    try openssl([
      "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
      base + ".key", "-out", base + ".csr", "-subj", "/CN=localhost",
    ])
    try openssl([
      "ca", "-batch", "-config", dir + "/ca.cnf", "-cert", ca + ".crt", "-keyfile", ca + ".key",
      "-in", base + ".csr", "-out", base + ".crt", "-startdate", start, "-enddate", end,
      "-extfile", dir + "/ext", "-notext",
    ])
    return (base + ".crt", base + ".key")
  }

  private static func openssl(_ arguments: [String]) throws {
    let result = try Subprocess.run("/usr/bin/openssl", arguments, timeout: 30)
    guard result.status == 0 else {
      throw SubprocessError("openssl \(arguments.joined(separator: " ")): \(result.stderrText)")
    }
  }
}
