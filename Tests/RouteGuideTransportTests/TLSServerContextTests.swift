import Glibc
import TestSupport
import Testing

@testable import RouteGuideTransport

/// TLSServerContext: identity files, mutual TLS, ALPN selection, plaintext clients.
@Suite struct TLSServerContextTests {
  @Test func missingCertificateFileIsNamed() throws {
    let configuration = TLSServerConfiguration(
      certificateFile: "/nonexistent/server.crt", keyFile: "/nonexistent/server.key")
    #expect {
      try TLSServerContext(configuration)
    } throws: { error in
      (error as? TransportError)?.message.hasPrefix(
        "cannot load server certificate /nonexistent/server.crt: ") == true
    }
  }

  @Test func keyOfAnotherCertificateIsRefused() throws {
    let certificates = try TestCertificates.shared()
    let configuration = TLSServerConfiguration(
      certificateFile: certificates.serverCertificate, keyFile: certificates.clientKey)
    #expect {
      try TLSServerContext(configuration)
    } throws: { error in
      (error as? TransportError)?.message
        == "server key \(certificates.clientKey) does not match certificate "
        + "\(certificates.serverCertificate)"
    }
  }

  @Test func mutualTLSAcceptsAClientSignedByTheCA() throws {
    let fixture = try TLSTestFixture()
    let server = try fixture.server(fixture.mutualConfiguration)
    defer { server.stop() }
    var tls = fixture.trusting
    tls.certificateFile = fixture.certificates.clientCertificate
    tls.keyFile = fixture.certificates.clientKey
    let stream = try fixture.connect(server, tls: tls).get()
    defer { stream.close() }
    #expect(try fixture.echo(stream, "mutual") == "mutual")
    #expect(server.errors.isEmpty)
  }

  @Test func mutualTLSRefusesAClientWithoutACertificate() throws {
    let fixture = try TLSTestFixture()
    let server = try fixture.server(fixture.mutualConfiguration)
    defer { server.stop() }
    let clientError = try refusedClientError(fixture, server, tls: fixture.trusting)
    #expect(clientError.kind == .tls)
    #expect(clientError.message.contains("alert certificate required"))
    #expect(clientError.message.hasSuffix("(the server did not accept our client certificate)"))
    #expect(server.errors.first?.message.contains("peer did not return a certificate") == true)
  }

  @Test func mutualTLSRefusesAClientFromAnotherCA() throws {
    let fixture = try TLSTestFixture()
    let server = try fixture.server(fixture.mutualConfiguration)
    defer { server.stop() }
    var tls = fixture.trusting
    tls.certificateFile = fixture.certificates.otherClientCertificate
    tls.keyFile = fixture.certificates.otherClientKey
    let clientError = try refusedClientError(fixture, server, tls: tls)
    #expect(clientError.message.contains("alert unknown ca"))
    #expect(
      server.errors.first?.message.hasSuffix(
        "certificate verify failed: unable to get local issuer certificate "
          + "(subject /CN=rg other client)") == true)
  }

  /// With TLS 1.3 the client finishes its handshake before the server judges its certificate,
  /// so the refusal (an alert) arrives on the first read.
  private func refusedClientError(
    _ fixture: TLSTestFixture, _ server: EchoServer, tls: TLSClientConfiguration
  ) throws -> TransportError {
    let stream = try fixture.connect(server, tls: tls).get()
    defer { stream.close() }
    do {
      _ = try fixture.echo(stream)
    } catch let error as TransportError {
      return error
    }
    Issue.record("the refused client could still echo")
    return TransportError(.io, "")
  }

  @Test func plaintextClientFailsTheServerHandshakeClearly() throws {
    let fixture = try TLSTestFixture()
    let server = try fixture.server()
    defer { server.stop() }
    let stream = try LoopDriver.connect(server.address, loop: fixture.loop).get()
    defer { stream.close() }
    try LoopDriver.writeAll(
      stream, Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8), loop: fixture.loop)
    try LoopDriver.run(fixture.loop) { !server.errors.isEmpty }
    let message = server.errors.first?.message ?? ""
    #expect(message.hasPrefix("TLS handshake with 127.0.0.1:"))
    #expect(message.hasSuffix("(is the client using plaintext?)"))
  }

  @Test func clientWithoutH2IsRefusedWithNoApplicationProtocol() throws {
    let fixture = try TLSTestFixture()
    let server = try fixture.server()
    defer { server.stop() }
    let client = try ChildProcess(
      "/usr/bin/openssl",
      [
        "s_client", "-connect", "127.0.0.1:\(server.port)", "-alpn", "http/1.1",
        "-CAfile", fixture.certificates.caCertificate,
      ], pipeStdin: true, pipeStdout: true, pipeStderr: true)
    try LoopDriver.run(fixture.loop) { !server.errors.isEmpty }
    let output = try client.communicate(stdin: [], timeout: 10)
    #expect(
      output.stdoutText.contains("no application protocol")
        || output.stderrText.contains("no application protocol"))
    #expect(server.errors.first?.message.contains("no application protocol") == true)
  }
}
