/// How a client sets up TLS: trust, identity and the name to verify.
public struct TLSClientConfiguration: Hashable, Sendable {
  /// PEM file of trusted CAs; nil uses the system trust store.
  public var caFile: String?
  /// PEM client certificate and key, for mutual TLS.
  public var certificateFile: String?
  public var keyFile: String?
  /// Skips certificate and host-name verification.
  public var insecure: Bool
  /// Name sent as SNI and verified against the certificate; nil uses the address's host.
  public var serverName: String?
  /// Where the system trust store is, when `caFile` is nil and `insecure` is false.
  public var systemTrust: SystemTrustLocations

  public init(
    caFile: String? = nil, certificateFile: String? = nil, keyFile: String? = nil,
    insecure: Bool = false, serverName: String? = nil,
    systemTrust: SystemTrustLocations = SystemTrustLocations()
  ) {
    self.caFile = caFile
    self.certificateFile = certificateFile
    self.keyFile = keyFile
    self.insecure = insecure
    self.serverName = serverName
    self.systemTrust = systemTrust
  }
}

/// The places of the system trust store that the environment names, as OpenSSL reads them:
/// `SSL_CERT_FILE` (a PEM bundle) and `SSL_CERT_DIR` (colon-separated hashed directories).
/// nil leaves OpenSSL's built-in default (on Debian /usr/lib/ssl/cert.pem and /usr/lib/ssl/certs).
public struct SystemTrustLocations: Hashable, Sendable {
  public var file: String?
  public var directories: String?

  public init(file: String? = nil, directories: String? = nil) {
    self.file = file
    self.directories = directories
  }
}

/// How a server sets up TLS: its certificate and key, and optionally a CA for client certificates.
public struct TLSServerConfiguration: Hashable, Sendable {
  public var certificateFile: String
  public var keyFile: String
  /// When set, clients must present a certificate signed by one of these CAs.
  public var clientCAFile: String?

  public init(certificateFile: String, keyFile: String, clientCAFile: String? = nil) {
    self.certificateFile = certificateFile
    self.keyFile = keyFile
    self.clientCAFile = clientCAFile
  }
}
