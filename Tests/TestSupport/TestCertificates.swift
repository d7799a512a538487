import Foundation

/// Certificates for TLS tests, made once per test process with the `openssl` command.
public struct TestCertificates: Sendable {
  public let directory: String
  /// The private CA that tests trust with `--cacert`.
  public let caCertificate: String
  /// For localhost, 127.0.0.1 and ::1; signed by the CA.
  public let serverCertificate: String
  public let serverKey: String
  /// A client identity signed by the CA, for mutual TLS.
  public let clientCertificate: String
  public let clientKey: String
  /// An unrelated CA, and a client identity it signed: not trusted by anything.
  public let otherCACertificate: String
  public let otherClientCertificate: String
  public let otherClientKey: String
  /// Signed by the CA, but for the name `wrong.example` only.
  public let wrongNameCertificate: String
  public let wrongNameKey: String
  /// Signed by the CA with CN=localhost and no subjectAltName: no browser or Go client takes
  /// a name from the CN any more, and rg must not either.
  public let commonNameOnlyCertificate: String
  public let commonNameOnlyKey: String

  private static let made: Result<TestCertificates, SubprocessError> = {
    do { return .success(try TestCertificates(make: ())) } catch let error as SubprocessError {
      return .failure(error)
    } catch { return .failure(SubprocessError("\(error)")) }
  }()

  /// The process-wide set (made on first use).
  public static func shared() throws -> TestCertificates {
    try made.get()
  }

  private init(make: Void) throws {
    let dir = "/tmp/rg-test-certs-\(getpid())"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    directory = dir
    func path(_ name: String) -> String { dir + "/" + name }
    try Self.makeCA(path("ca"), name: "rg test CA")
    try Self.makeCA(path("other-ca"), name: "rg other CA")
    let serverNames = "DNS:localhost,IP:127.0.0.1,IP:::1"
    try Self.makeLeaf(
      path("server"), ca: path("ca"), name: "localhost", san: serverNames,
      usage: "serverAuth")
    try Self.makeLeaf(
      path("client"), ca: path("ca"), name: "rg client", san: nil,
      usage: "clientAuth")
    try Self.makeLeaf(
      path("other-client"), ca: path("other-ca"), name: "rg other client",
      san: nil, usage: "clientAuth")
    try Self.makeLeaf(
      path("wrong"), ca: path("ca"), name: "wrong.example",
      san: "DNS:wrong.example", usage: "serverAuth")
    try Self.makeLeaf(
      path("cn-only"), ca: path("ca"), name: "localhost", san: nil, usage: "serverAuth")
    caCertificate = path("ca.crt")
    serverCertificate = path("server.crt")
    serverKey = path("server.key")
    clientCertificate = path("client.crt")
    clientKey = path("client.key")
    otherCACertificate = path("other-ca.crt")
    otherClientCertificate = path("other-client.crt")
    otherClientKey = path("other-client.key")
    wrongNameCertificate = path("wrong.crt")
    wrongNameKey = path("wrong.key")
    commonNameOnlyCertificate = path("cn-only.crt")
    commonNameOnlyKey = path("cn-only.key")
  }

  private static func openssl(_ arguments: [String]) throws {
    let result = try Subprocess.run("/usr/bin/openssl", arguments, timeout: 30)
    guard result.status == 0 else {
      throw SubprocessError("openssl \(arguments.joined(separator: " ")): \(result.stderrText)")
    }
  }

  private static func makeCA(_ base: String, name: String) throws {
    try openssl([
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", base + ".key", "-out", base + ".crt", "-days", "30", "-subj", "/CN=\(name)",
      "-addext", "basicConstraints=critical,CA:TRUE",
      "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    ])
  }

  /// A key and a certificate signed by `ca`, valid from now for 30 days.
  public static func makeLeaf(
    _ base: String, ca: String, name: String, san: String?, usage: String,
    extraX509Arguments: [String] = ["-days", "30"]
  ) throws {
    try openssl([
      "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", base + ".key", "-out", base + ".csr", "-subj", "/CN=\(name)",
    ])
    var extensions = "basicConstraints=CA:FALSE\nextendedKeyUsage=\(usage)\n"
    if let san { extensions += "subjectAltName=\(san)\n" }
    try extensions.write(toFile: base + ".ext", atomically: true, encoding: .utf8)
    try openssl(
      [
        "x509", "-req", "-in", base + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
        "-CAcreateserial", "-out", base + ".crt", "-extfile", base + ".ext",
      ] + extraX509Arguments)
  }
}
