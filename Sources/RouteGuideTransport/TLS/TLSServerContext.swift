import COpenSSL

/// Server-side TLS: certificate and key, optional client-certificate checking, ALPN "h2" only.
///
/// Sendable because it is immutable once made: every loop of `rg serve --threads` wraps its
/// own connections with it, and OpenSSL 3 locks what an SSL_CTX shares (session cache,
/// reference counts) when SSL_new reads it from several threads.
public final class TLSServerContext: @unchecked Sendable {
  private let context: TLSContext

  /// Loads and checks the files now, so a bad path fails at start-up with the file named.
  public init(_ configuration: TLSServerConfiguration) throws(TransportError) {
    context = try TLSContext(isServer: true)
    try context.useIdentity(
      certificateFile: configuration.certificateFile, keyFile: configuration.keyFile,
      role: "server")
    if let clientCAFile = configuration.clientCAFile {
      try context.trust(caFile: clientCAFile)
      // Tells clients which CAs we accept, so they can pick the right certificate.
      if let names = SSL_load_client_CA_file(clientCAFile) {
        SSL_CTX_set_client_CA_list(context.context, names)
      }
      context.requirePeerCertificate(mandatory: true)
    }
    let sessionContext: [UInt8] = Array("rg".utf8)
    _ = SSL_CTX_set_session_id_context(
      context.context, sessionContext, UInt32(sessionContext.count))
    SSL_CTX_set_alpn_select_cb(context.context, selectHTTP2, nil)
  }

  /// Server-side TLS over an accepted stream; the handshake progresses inside its read and
  /// write (see TLSStream for the calling rules).
  public func wrap(_ stream: any ByteStream) throws(TransportError) -> any ByteStream {
    try TLSStream(over: stream, context: context)
  }
}

/// Picks "h2" from the client's ALPN list; a client without it gets no_application_protocol.
private func selectHTTP2(
  _ ssl: OpaquePointer?, _ out: UnsafeMutablePointer<UnsafePointer<UInt8>?>?,
  _ outLength: UnsafeMutablePointer<UInt8>?, _ offered: UnsafePointer<UInt8>?,
  _ offeredLength: UInt32, _ argument: UnsafeMutableRawPointer?
) -> Int32 {
  guard let out, let outLength, let offered else { return SSL_TLSEXT_ERR_ALERT_FATAL }
  var index = 0
  let end = Int(offeredLength)
  while index < end {
    let length = Int(offered[index])
    let start = index + 1
    if length == 2 && start + 2 <= end && offered[start] == UInt8(ascii: "h")
      && offered[start + 1] == UInt8(ascii: "2")
    {
      // Pointing into the client's list is allowed: OpenSSL copies the selection.
      out.pointee = offered + start
      outLength.pointee = 2
      return SSL_TLSEXT_ERR_OK
    }
    index = start + length
  }
  return SSL_TLSEXT_ERR_ALERT_FATAL
}
