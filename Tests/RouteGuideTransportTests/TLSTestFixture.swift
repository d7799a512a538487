import TestSupport

@testable import RouteGuideTransport

/// A loop, the shared test certificates, and TLS echo servers on loopback.
struct TLSTestFixture {
  let loop = EventLoop()
  let certificates: TestCertificates

  init() throws {
    certificates = try TestCertificates.shared()
  }

  /// The private CA's server certificate for localhost, 127.0.0.1 and ::1.
  var serverConfiguration: TLSServerConfiguration {
    TLSServerConfiguration(
      certificateFile: certificates.serverCertificate, keyFile: certificates.serverKey)
  }

  var trusting: TLSClientConfiguration {
    TLSClientConfiguration(caFile: certificates.caCertificate)
  }

  func server(
    _ configuration: TLSServerConfiguration? = nil, host: String = "127.0.0.1"
  ) throws -> EchoServer {
    let context = try TLSServerContext(configuration ?? serverConfiguration)
    return try EchoServer(.tcp(host: host, port: 0), loop: loop, wrap: context.wrap)
  }

  func connect(
    _ server: EchoServer, host: String = "127.0.0.1", tls: TLSClientConfiguration,
    timeoutNanoseconds: UInt64 = 5_000_000_000
  ) throws -> Result<any ByteStream, TransportError> {
    try LoopDriver.connect(
      .tcp(host: host, port: server.port), tls: tls, timeoutNanoseconds: timeoutNanoseconds,
      loop: loop)
  }

  /// Echoes `text` through an established stream and returns what came back.
  func echo(_ stream: any ByteStream, _ text: String = "over TLS") throws -> String {
    try LoopDriver.writeAll(stream, Array(text.utf8), loop: loop)
    let back = try LoopDriver.read(stream, count: text.utf8.count, loop: loop)
    return String(decoding: back, as: UTF8.self)
  }
}

extension EchoServer {
  var port: UInt16 {
    guard case .tcp(_, let port) = address else { return 0 }
    return port
  }
}

extension TLSTestFixture {
  /// Signed by the trusted CA, but only for `wrong.example`.
  var wrongNameConfiguration: TLSServerConfiguration {
    TLSServerConfiguration(
      certificateFile: certificates.wrongNameCertificate, keyFile: certificates.wrongNameKey)
  }

  /// A localhost certificate from the trusted CA whose validity ended before it began
  /// (`openssl x509 -days -1`: OpenSSL 3.0 has no -not_after).
  func expiredConfiguration(in directory: TemporaryDirectory) throws -> TLSServerConfiguration {
    let base = directory.path + "/expired"
    let ca = String(certificates.caCertificate.dropLast(".crt".count))
    try TestCertificates.makeLeaf(
      base, ca: ca, name: "localhost", san: "DNS:localhost,IP:127.0.0.1", usage: "serverAuth",
      extraX509Arguments: ["-days", "-1"])
    return TLSServerConfiguration(certificateFile: base + ".crt", keyFile: base + ".key")
  }

  /// Requires client certificates signed by the trusted CA.
  var mutualConfiguration: TLSServerConfiguration {
    var configuration = serverConfiguration
    configuration.clientCAFile = certificates.caCertificate
    return configuration
  }
}

extension TLSTestFixture {
  /// A localhost certificate from the trusted CA valid only from 2099, signed with `openssl ca`
  /// (the one OpenSSL 3.0 command that takes explicit dates).
  func notYetValidConfiguration(in directory: TemporaryDirectory) throws
    -> TLSServerConfiguration
  {
    let base = directory.path + "/future"
    let ca = String(certificates.caCertificate.dropLast(".crt".count))
    try TestCertificates.makeLeaf(
      base, ca: ca, name: "localhost", san: "DNS:localhost,IP:127.0.0.1", usage: "serverAuth")
    try directory.write("index.txt", "")
    try directory.write("serial", "1000\n")
    let configuration = try directory.write(
      "ca.cnf",
      """
      [ca]
      default_ca = test
      [test]
      database = \(directory.path)/index.txt
      new_certs_dir = \(directory.path)
      serial = \(directory.path)/serial
      default_md = sha256
      policy = any
      [any]
      commonName = supplied

      """)
    let result = try Subprocess.run(
      "/usr/bin/openssl",
      [
        "ca", "-batch", "-config", configuration, "-cert", ca + ".crt", "-keyfile", ca + ".key",
        "-in", base + ".csr", "-out", base + "-future.crt", "-extfile", base + ".ext",
        "-startdate", "20990101000000Z", "-enddate", "21000101000000Z",
      ])
    guard result.status == 0 else { throw SubprocessError("openssl ca: \(result.stderrText)") }
    return TLSServerConfiguration(certificateFile: base + "-future.crt", keyFile: base + ".key")
  }
}
