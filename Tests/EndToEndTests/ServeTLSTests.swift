import Foundation
import TestSupport
import Testing

/// `rg serve --tls-cert/--tls-key`: the same answers over TLS, to grpcio and to rg.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ServeTLSTests {
  func tlsServer() throws -> (ServerProcess, TestCertificates) {
    let certificates = try TestCertificates.shared()
    let server = try ServerProcess.rgServe([
      "--tls-cert", certificates.serverCertificate, "--tls-key", certificates.serverKey,
    ])
    return (server, certificates)
  }

  @Test func grpcioClientOverTLSMatchesThePythonServer() throws {
    let (server, certificates) = try tlsServer()
    defer { server.stop() }
    let reference = try ServerProcess.pythonRouteGuide()
    defer { reference.stop() }
    let tls = ["--cacert", certificates.caCertificate, "--servername", "localhost"]
    for (command, input) in try ServePeers.inputs() {
      let overTLS = try ServePeers.python(command, server.address, tls, stdin: input)
      let plaintext = try ServePeers.python(command, reference.address, stdin: input)
      #expect(overTLS.status == 0, "\(command): \(overTLS.serveSummary)")
      #expect(overTLS.stdoutText == plaintext.stdoutText, "\(command) \(input)")
    }
  }

  @Test func rgClientOverTLS() throws {
    let (server, certificates) = try tlsServer()
    defer { server.stop() }
    for (command, input) in try ServePeers.inputs() {
      let result = try ServePeers.rg(
        [command, "--cacert", certificates.caCertificate, server.address], stdin: input)
      let reference = try ServePeers.python(
        command, server.address, ["--cacert", certificates.caCertificate], stdin: input)
      #expect(result.status == 0, "\(command): \(result.serveSummary)")
      #expect(result.stdoutText == reference.stdoutText, "\(command) \(input)")
    }
  }

  @Test func plaintextClientIsRefusedByTLSServer() throws {
    let (server, _) = try tlsServer()
    defer { server.stop() }
    let result = try ServePeers.python(
      "get", server.address, stdin: #"{"latitude":1}"#, timeout: 30)
    #expect(result.status == 64 + 14, "\(result.serveSummary)")
  }

  @Test func missingKeyFileIsOneLineError() throws {
    let certificates = try TestCertificates.shared()
    let result = try ServePeers.rg(
      [
        "serve", "--port", "0", "--tls-cert", certificates.serverCertificate, "--tls-key",
        "/nonexistent/key.pem",
      ], timeout: 10)
    #expect(result.status == 1)
    #expect(result.stderrText.hasPrefix("rg: "), "\(result.serveSummary)")
    #expect(result.stderrText.split(separator: "\n").count == 1)
  }
}
