import Foundation
import TestSupport
import Testing

/// rg's TLS against a grpcio server: trust, names, skipping verification, client certificates.
@Suite(.timeLimit(.minutes(2))) struct ClientTLSTests {
  static let point = #"{"latitude":409146138,"longitude":-746188906}"#

  static func tlsServer(
    certificate: String? = nil, key: String? = nil, clientCA: String? = nil
  ) throws -> InteropServer {
    let certs = try TestCertificates.shared()
    var arguments = [
      "--tls-cert", certificate ?? certs.serverCertificate, "--tls-key", key ?? certs.serverKey,
    ]
    if let clientCA { arguments += ["--client-ca", clientCA] }
    return try InteropServer(arguments)
  }

  static func get(_ server: InteropServer, _ options: [String], address: String? = nil) throws
    -> SubprocessResult
  {
    try ClientRun.rg(["get"] + options + [address ?? server.address], stdin: point, timeout: 20)
  }

  @Test func trustedCAWorks() throws {
    let certs = try TestCertificates.shared()
    let server = try Self.tlsServer()
    let rg = try Self.get(server, ["--cacert", certs.caCertificate])
    let python = try ClientRun.python(
      "get", server.address, ["--cacert", certs.caCertificate], stdin: Self.point)
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutText.contains("Berkshire Valley"))
    #expect(rg.stdoutText == python.stdoutText)
  }

  @Test func localhostNameVerifies() throws {
    let certs = try TestCertificates.shared()
    let server = try Self.tlsServer()
    let rg = try Self.get(
      server, ["--cacert", certs.caCertificate, "-v"],
      address: "localhost:\(server.process.port)")
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stderrText.contains("* TLSv1."), "\(rg.stderrText)")
    #expect(rg.stderrText.contains("ALPN h2"))
    #expect(rg.stderrText.contains("> :scheme: https"))
  }

  @Test func ipv6AddressVerifiesAgainstTheCertificatesIP() throws {
    let certs = try TestCertificates.shared()
    let server = try InteropServer([
      "--host", "::1", "--tls-cert", certs.serverCertificate, "--tls-key", certs.serverKey,
    ])
    let rg = try Self.get(server, ["--cacert", certs.caCertificate])
    #expect(server.address.hasPrefix("[::1]:"))
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutText.contains("Berkshire Valley"))
  }

  @Test func untrustedCAFailsWithExitOne() throws {
    let certs = try TestCertificates.shared()
    let server = try Self.tlsServer()
    let rg = try Self.get(server, ["--cacert", certs.otherCACertificate])
    #expect(rg.status == 1, "\(rg.summary)")
    #expect(rg.stderrText.hasPrefix("rg: "))
    #expect(rg.stderrText.lowercased().contains("verify failed"), "\(rg.stderrText)")
    #expect(rg.stdoutText == "")
  }

  @Test func systemTrustDoesNotKnowThePrivateCA() throws {
    let server = try Self.tlsServer()
    let rg = try Self.get(server, [])
    #expect(rg.status == 1, "\(rg.summary)")
    #expect(rg.stderrText.lowercased().contains("verify failed"), "\(rg.stderrText)")
  }

  @Test func wrongNameFails() throws {
    let certs = try TestCertificates.shared()
    let server = try Self.tlsServer(
      certificate: certs.wrongNameCertificate, key: certs.wrongNameKey)
    let rg = try Self.get(server, ["--cacert", certs.caCertificate])
    #expect(rg.status == 1, "\(rg.summary)")
    #expect(rg.stderrText.hasPrefix("rg: "), "\(rg.stderrText)")
  }

  @Test func servernameSelectsTheVerifiedName() throws {
    let certs = try TestCertificates.shared()
    let server = try Self.tlsServer(
      certificate: certs.wrongNameCertificate, key: certs.wrongNameKey)
    let rg = try Self.get(
      server, ["--cacert", certs.caCertificate, "--servername", "wrong.example"])
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutText.contains("Berkshire Valley"))
  }

  @Test func insecureSkipsVerification() throws {
    let certs = try TestCertificates.shared()
    let server = try Self.tlsServer(
      certificate: certs.wrongNameCertificate, key: certs.wrongNameKey)
    let rg = try Self.get(server, ["--insecure"])
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutText.contains("Berkshire Valley"))
  }

  @Test func mutualTLSAcceptsTheClientCertificate() throws {
    let certs = try TestCertificates.shared()
    let server = try Self.tlsServer(clientCA: certs.caCertificate)
    let rg = try Self.get(
      server,
      [
        "--cacert", certs.caCertificate, "--cert", certs.clientCertificate, "--key",
        certs.clientKey,
      ])
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutText.contains("Berkshire Valley"))
  }

  @Test func mutualTLSRefusesAForeignClientCertificate() throws {
    let certs = try TestCertificates.shared()
    let server = try Self.tlsServer(clientCA: certs.caCertificate)
    let rg = try Self.get(
      server,
      [
        "--cacert", certs.caCertificate, "--cert", certs.otherClientCertificate, "--key",
        certs.otherClientKey,
      ])
    #expect(rg.status != 0, "\(rg.summary)")
    #expect(rg.stdoutText == "")
    #expect(rg.stderrText.hasPrefix("rg: "), "\(rg.stderrText)")
    #expect(server.events(timeout: 0.3).isEmpty, "no call may reach the server")
  }

  @Test func mutualTLSRefusesAMissingClientCertificate() throws {
    let certs = try TestCertificates.shared()
    let server = try Self.tlsServer(clientCA: certs.caCertificate)
    let rg = try Self.get(server, ["--cacert", certs.caCertificate])
    #expect(rg.status != 0, "\(rg.summary)")
    #expect(rg.stderrText.hasPrefix("rg: "), "\(rg.stderrText)")
    #expect(server.events(timeout: 0.3).isEmpty, "no call may reach the server")
  }

  @Test func plaintextToATLSServerFails() throws {
    let server = try Self.tlsServer()
    let rg = try Self.get(server, ["--plaintext", "--timeout", "5s"])
    #expect(rg.status != 0, "\(rg.summary)")
    #expect(rg.stderrText.hasPrefix("rg: "), "\(rg.stderrText)")
  }
}
