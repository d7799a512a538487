import Foundation
import TestSupport
import Testing

/// What rg says when TLS cannot start: the names a certificate is for, a certificate without
/// subjectAltName, unreadable certificate files (TLSNegativeTests has the rest). Each is one
/// `rg:` line that names the cause, exit 1.
@Suite(.timeLimit(.minutes(2))) struct TLSDiagnosticsTests {
  static let point = #"{"latitude":409146138,"longitude":-746188906}"#

  static func tlsServe(_ certificate: String, _ key: String) throws -> ServerProcess {
    try ServerProcess.rgServe(["--tls-cert", certificate, "--tls-key", key])
  }

  static func get(_ address: String, _ options: [String]) throws -> SubprocessResult {
    try ClientRun.rg(["get"] + options + [address], stdin: point, timeout: 20)
  }

  /// Exit 1, nothing on stdout, and exactly `line` on stderr.
  static func expectOneLine(
    _ rg: SubprocessResult, _ line: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(rg.status == 1, "\(rg.summary)", sourceLocation: sourceLocation)
    #expect(rg.stdoutText == "", sourceLocation: sourceLocation)
    #expect(rg.stderrText == line + "\n", "\(rg.summary)", sourceLocation: sourceLocation)
  }

  /// A CN=localhost certificate without subjectAltName, trusted CA: refused by name and by IP,
  /// as browsers and Go do, because host names are only checked against subjectAltName.
  @Test(arguments: ["localhost", "127.0.0.1"])
  func commonNameOnlyCertificateIsRefused(_ host: String) throws {
    let certs = try TestCertificates.shared()
    let server = try Self.tlsServe(certs.commonNameOnlyCertificate, certs.commonNameOnlyKey)
    let rg = try Self.get("\(host):\(server.port)", ["--cacert", certs.caCertificate])
    let peer = host == "localhost" ? "localhost:\(server.port) (\(server.address))" : server.address
    Self.expectOneLine(
      rg,
      "rg: TLS handshake with \(peer) failed: certificate verify failed: "
        + "certificate has no subjectAltName for \(host) (subject /CN=localhost; "
        + "a name in the subject CN is not accepted)")
  }

  /// A host-name mismatch names what the certificate is for and the name rg wanted.
  @Test func servernameMismatchNamesBothNames() throws {
    let certs = try TestCertificates.shared()
    let server = try Self.tlsServe(certs.serverCertificate, certs.serverKey)
    let rg = try Self.get(
      server.address, ["--cacert", certs.caCertificate, "--servername", "wrong.example"])
    Self.expectOneLine(
      rg,
      "rg: TLS handshake with \(server.address) failed: certificate verify failed: "
        + "certificate is for localhost, 127.0.0.1, ::1, not wrong.example")
  }

  /// A certificate or key file that cannot be read is named by its option and errno text, not
  /// by OpenSSL's error queue; no connection is tried (port 1 would refuse it).
  @Test func unreadableClientFilesNameTheirOption() throws {
    let certs = try TestCertificates.shared()
    let missing = "/nonexistent/rg-test.pem"
    Self.expectOneLine(
      try Self.get("localhost:1", ["--cacert", missing]),
      "rg: cannot read --cacert \(missing): No such file or directory")
    Self.expectOneLine(
      try Self.get("localhost:1", ["--cacert", "/tmp"]),
      "rg: cannot read --cacert /tmp: Is a directory")
    Self.expectOneLine(
      try Self.get("localhost:1", ["--cert", missing, "--key", certs.clientKey]),
      "rg: cannot read --cert \(missing): No such file or directory")
    Self.expectOneLine(
      try Self.get("localhost:1", ["--cert", certs.clientCertificate, "--key", missing]),
      "rg: cannot read --key \(missing): No such file or directory")
  }

  @Test func unreadableServerFilesNameTheirOption() throws {
    let certs = try TestCertificates.shared()
    let missing = "/nonexistent/rg-test.pem"
    let cert = try ClientRun.rg(
      ["serve", "--port", "0", "--tls-cert", missing, "--tls-key", certs.serverKey])
    Self.expectOneLine(cert, "rg: cannot read --tls-cert \(missing): No such file or directory")
    let key = try ClientRun.rg(
      ["serve", "--port", "0", "--tls-cert", certs.serverCertificate, "--tls-key", missing])
    Self.expectOneLine(key, "rg: cannot read --tls-key \(missing): No such file or directory")
  }
}
