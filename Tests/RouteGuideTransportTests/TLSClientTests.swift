import Glibc
import TestSupport
import Testing

@testable import RouteGuideTransport

/// The TLS client through Connector against our TLSServerContext on the same loop: trust, names,
/// insecure mode, ALPN and the handshake timeout.
@Suite struct TLSClientTests {
  @Test func trustedServerByIPNegotiatesH2AndEchoes() throws {
    let fixture = try TLSTestFixture()
    let server = try fixture.server()
    defer { server.stop() }
    let stream = try fixture.connect(server, tls: fixture.trusting).get()
    defer { stream.close() }
    let info = try #require(stream as? any TLSInfo)
    #expect(info.negotiatedProtocol == "h2")
    #expect(info.tlsVersion == "TLSv1.3")
    #expect(info.cipher.hasPrefix("TLS_"))
    #expect(try fixture.echo(stream) == "over TLS")
  }

  @Test(arguments: ["localhost", "::1"])
  func trustedServerByNameOrIPv6(host: String) throws {
    let fixture = try TLSTestFixture()
    let server = try fixture.server(host: host == "::1" ? "::1" : "127.0.0.1")
    defer { server.stop() }
    let stream = try fixture.connect(server, host: host, tls: fixture.trusting).get()
    defer { stream.close() }
    #expect(try fixture.echo(stream, "\(host) ok") == "\(host) ok")
  }

  @Test func untrustedCAFailsVerificationNamingTheCertificate() throws {
    let fixture = try TLSTestFixture()
    let server = try fixture.server()
    defer { server.stop() }
    let tls = TLSClientConfiguration(caFile: fixture.certificates.otherCACertificate)
    let error = LoopDriver.error(try fixture.connect(server, tls: tls))
    #expect(error?.kind == .tls)
    #expect(
      error?.message
        == "TLS handshake with 127.0.0.1:\(server.port) failed: certificate verify failed: "
        + "unable to get local issuer certificate (subject /CN=localhost)")
  }

  @Test func systemTrustStoreDoesNotTrustThePrivateCA() throws {
    let fixture = try TLSTestFixture()
    let server = try fixture.server()
    defer { server.stop() }
    let error = LoopDriver.error(try fixture.connect(server, tls: TLSClientConfiguration()))
    #expect(
      error?.message.contains("certificate verify failed: unable to get local issuer") == true)
  }

  @Test func wrongHostNameFails() throws {
    let fixture = try TLSTestFixture()
    let server = try fixture.server(fixture.wrongNameConfiguration)
    defer { server.stop() }
    let error = LoopDriver.error(
      try fixture.connect(server, host: "localhost", tls: fixture.trusting))
    #expect(
      error?.message
        == "TLS handshake with localhost:\(server.port) (127.0.0.1:\(server.port)) failed: "
        + "certificate verify failed: "
        + "certificate is for wrong.example, not localhost")
  }

  @Test func wrongIPAddressFails() throws {
    let fixture = try TLSTestFixture()
    let server = try fixture.server(fixture.wrongNameConfiguration)
    defer { server.stop() }
    let error = LoopDriver.error(try fixture.connect(server, tls: fixture.trusting))
    #expect(
      error?.message.hasSuffix("certificate is for wrong.example, not 127.0.0.1") == true,
      "\(String(describing: error))")
  }

  /// A name only in the subject CN does not count (X509_CHECK_FLAG_NEVER_CHECK_SUBJECT).
  @Test func commonNameOnlyCertificateFails() throws {
    let fixture = try TLSTestFixture()
    let server = try fixture.server(
      TLSServerConfiguration(
        certificateFile: fixture.certificates.commonNameOnlyCertificate,
        keyFile: fixture.certificates.commonNameOnlyKey))
    defer { server.stop() }
    let error = LoopDriver.error(
      try fixture.connect(server, host: "localhost", tls: fixture.trusting))
    #expect(error?.kind == .tls)
    #expect(
      error?.message.hasSuffix(
        "certificate verify failed: certificate has no subjectAltName for localhost "
          + "(subject /CN=localhost; a name in the subject CN is not accepted)") == true,
      "\(String(describing: error))")
  }

  @Test func serverNameOverridesTheVerifiedName() throws {
    let fixture = try TLSTestFixture()
    let server = try fixture.server(fixture.wrongNameConfiguration)
    defer { server.stop() }
    var tls = fixture.trusting
    tls.serverName = "wrong.example"
    let stream = try fixture.connect(server, tls: tls).get()
    defer { stream.close() }
    #expect(try fixture.echo(stream) == "over TLS")
  }

  @Test func insecureSkipsVerification() throws {
    let fixture = try TLSTestFixture()
    let server = try fixture.server(fixture.wrongNameConfiguration)
    defer { server.stop() }
    let tls = TLSClientConfiguration(
      caFile: fixture.certificates.otherCACertificate, insecure: true)
    let stream = try fixture.connect(server, tls: tls).get()
    defer { stream.close() }
    #expect(try fixture.echo(stream) == "over TLS")
  }

  @Test func expiredCertificateFails() throws {
    let fixture = try TLSTestFixture()
    let directory = try TemporaryDirectory()
    let server = try fixture.server(try fixture.expiredConfiguration(in: directory))
    defer { server.stop() }
    let error = LoopDriver.error(try fixture.connect(server, tls: fixture.trusting))
    #expect(
      error?.message
        == "TLS handshake with 127.0.0.1:\(server.port) failed: certificate verify failed: "
        + "certificate has expired (subject /CN=localhost)")
  }

  @Test func notYetValidCertificateFails() throws {
    let fixture = try TLSTestFixture()
    let directory = try TemporaryDirectory()
    let server = try fixture.server(try fixture.notYetValidConfiguration(in: directory))
    defer { server.stop() }
    let error = LoopDriver.error(try fixture.connect(server, tls: fixture.trusting))
    #expect(
      error?.message.hasSuffix(
        "certificate verify failed: certificate is not yet valid (subject /CN=localhost)") == true)
  }

  @Test func unixSocketVerifiesLocalhostByDefault() throws {
    let fixture = try TLSTestFixture()
    let path = "/tmp/rg-tls-\(getpid()).sock"
    let context = try TLSServerContext(fixture.serverConfiguration)
    let server = try EchoServer(.unix(path: path), loop: fixture.loop, wrap: context.wrap)
    defer { server.stop() }
    let stream = try LoopDriver.connect(
      .unix(path: path), tls: fixture.trusting, loop: fixture.loop
    ).get()
    defer { stream.close() }
    #expect(try fixture.echo(stream, "unix tls") == "unix tls")
  }

  @Test func missingCAFileFailsBeforeConnecting() throws {
    let tls = TLSClientConfiguration(caFile: "/nonexistent/ca.pem")
    let error = LoopDriver.error(
      try LoopDriver.connect(.tcp(host: "127.0.0.1", port: 1), tls: tls, loop: EventLoop()))
    #expect(error?.kind == .tls)
    #expect(
      error?.message.hasPrefix("cannot load CA certificates from /nonexistent/ca.pem: ") == true)
  }

  @Test func clientKeyThatDoesNotMatchIsAClearError() throws {
    let certificates = try TestCertificates.shared()
    let tls = TLSClientConfiguration(
      caFile: certificates.caCertificate, certificateFile: certificates.clientCertificate,
      keyFile: certificates.otherClientKey)
    let error = LoopDriver.error(
      try LoopDriver.connect(.tcp(host: "127.0.0.1", port: 1), tls: tls, loop: EventLoop()))
    #expect(
      error?.message
        == "client key \(certificates.otherClientKey) does not match certificate "
        + "\(certificates.clientCertificate)")
  }
}
