import COpenSSL

/// An SSL_CTX with rg's common settings (TLS 1.2+, partial writes), shared by the client and
/// server setups, and the BIO method its streams use.
final class TLSContext {
  let context: OpaquePointer
  let bioMethod: StreamBIOMethod
  let isServer: Bool
  /// The system store's bundle, read on demand by the verify callback it installed.
  private var lazyBundle: TLSLazyBundle?

  init(isServer: Bool) throws(TransportError) {
    OpenSSLErrors.clear()
    guard let context = SSL_CTX_new(isServer ? TLS_server_method() : TLS_client_method()) else {
      throw TransportError(.tls, "SSL_CTX_new: \(OpenSSLErrors.message(fallback: "failed"))")
    }
    self.context = context
    self.isServer = isServer
    bioMethod = try StreamBIOMethod()
    guard rg_SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) == 1 else {
      throw TransportError(.tls, "cannot require TLS 1.2: \(OpenSSLErrors.message(fallback: ""))")
    }
    // Callers retry a blocked write with the same bytes, possibly from a moved or longer buffer.
    let modes = SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER
    _ = rg_SSL_CTX_set_mode(context, Int(modes))
    // gRPC peers often close TCP without close_notify; that is an EOF, not an attack.
    _ = SSL_CTX_set_options(
      context, rg_SSL_OP_IGNORE_UNEXPECTED_EOF() | rg_SSL_OP_NO_RENEGOTIATION())
  }

  deinit { SSL_CTX_free(context) }

  /// Verifies the peer against `caFile`, or against the system store when nil.
  func trust(caFile: String?, system: SystemTrustLocations = SystemTrustLocations())
    throws(TransportError)
  {
    OpenSSLErrors.clear()
    if let caFile {
      guard SSL_CTX_load_verify_locations(context, caFile, nil) == 1 else {
        let why = OpenSSLErrors.message(fallback: "no certificates found")
        throw TransportError(.tls, "cannot load CA certificates from \(caFile): \(why)")
      }
    } else {
      lazyBundle = try TLSSystemTrust.install(system, into: context)
    }
  }

  /// Loads our certificate chain and key and checks that they belong together.
  func useIdentity(certificateFile: String, keyFile: String, role: String) throws(TransportError) {
    OpenSSLErrors.clear()
    guard SSL_CTX_use_certificate_chain_file(context, certificateFile) == 1 else {
      let why = OpenSSLErrors.message(fallback: "unreadable")
      throw TransportError(.tls, "cannot load \(role) certificate \(certificateFile): \(why)")
    }
    let mismatch = TransportError(
      .tls, "\(role) key \(keyFile) does not match certificate \(certificateFile)")
    guard SSL_CTX_use_PrivateKey_file(context, keyFile, SSL_FILETYPE_PEM) == 1 else {
      let why = OpenSSLErrors.message(fallback: "unreadable")
      if why.containsText("key values mismatch") { throw mismatch }
      throw TransportError(.tls, "cannot load \(role) key \(keyFile): \(why)")
    }
    guard SSL_CTX_check_private_key(context) == 1 else {
      _ = OpenSSLErrors.drain()
      throw mismatch
    }
  }
}
