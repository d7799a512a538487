import COpenSSL

/// TLS over another ByteStream (client or server side).
///
/// Semantics callers rely on:
/// - SSL_ERROR_WANT_READ and WANT_WRITE both become `.wouldBlock`: a read may need the socket
///   to be writable and a write may need it readable, so after any event try both.
/// - A write that returned `.wouldBlock` must be retried with at least the same bytes (the
///   buffer may move or grow), as OpenSSL has already taken them into a record.
/// - Read until `.wouldBlock`: decrypted bytes can wait inside OpenSSL where poll cannot see them.
/// - close_notify and a bare TCP close after the handshake both read as `.eof`.
final class TLSStream: ByteStream {
  /// The SSL object, for the TLS setup files (SNI, verification parameters).
  let ssl: OpaquePointer
  let context: TLSContext
  let channel: TLSChannel
  private var isClosed = false

  var fd: Int32 { channel.transport.fd }
  var peerDescription: String { channel.transport.peerDescription }
  var isHandshakeFinished: Bool { SSL_is_init_finished(ssl) == 1 }

  init(over transport: any ByteStream, context: TLSContext) throws(TransportError) {
    OpenSSLErrors.clear()
    guard let ssl = SSL_new(context.context) else {
      throw TransportError(.tls, "SSL_new: \(OpenSSLErrors.message(fallback: "failed"))")
    }
    self.ssl = ssl
    self.context = context
    channel = TLSChannel(transport: transport)
    let bio = try context.bioMethod.makeBIO(for: channel)
    SSL_set_bio(ssl, bio, bio)
    _ = SSL_set_ex_data(ssl, 0, Unmanaged.passUnretained(channel).toOpaque())
    if context.isServer { SSL_set_accept_state(ssl) } else { SSL_set_connect_state(ssl) }
  }

  deinit { SSL_free(ssl) }

  /// Advances the handshake: nil when finished, else the readiness it waits for.
  func handshake() throws(TransportError) -> EventLoop.Events? {
    OpenSSLErrors.clear()
    let status = SSL_do_handshake(ssl)
    if status == 1 { return nil }
    switch SSL_get_error(ssl, status) {
    case SSL_ERROR_WANT_READ: return .readable
    case SSL_ERROR_WANT_WRITE: return .writable
    case let code: throw failure(code)
    }
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> IOResult {
    guard !isClosed else { throw closedError }
    guard let base = buffer.baseAddress, buffer.count > 0 else { return .wouldBlock }
    OpenSSLErrors.clear()
    let status = SSL_read(ssl, base, Int32(clamping: buffer.count))
    if status > 0 { return .bytes(Int(status)) }
    switch SSL_get_error(ssl, status) {
    case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
      return .wouldBlock
    case SSL_ERROR_ZERO_RETURN where isHandshakeFinished:
      return .eof
    case SSL_ERROR_SYSCALL
    where isHandshakeFinished && channel.sawEOF
      && channel.transportError == nil:
      return .eof
    case let code:
      throw failure(code)
    }
  }

  func write(_ bytes: UnsafeRawBufferPointer) throws(TransportError) -> IOResult {
    guard !isClosed else { throw closedError }
    guard let base = bytes.baseAddress, bytes.count > 0 else { return .wouldBlock }
    OpenSSLErrors.clear()
    let status = SSL_write(ssl, base, Int32(clamping: bytes.count))
    if status > 0 { return .bytes(Int(status)) }
    switch SSL_get_error(ssl, status) {
    case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
      return .wouldBlock
    case SSL_ERROR_ZERO_RETURN:
      throw TransportError(.unavailable, "connection closed by \(peerDescription)")
    case let code:
      throw failure(code)
    }
  }

  /// Sends close_notify if it can go out at once, then closes the transport.
  func close() {
    guard !isClosed else { return }
    isClosed = true
    if isHandshakeFinished && channel.transportError == nil {
      OpenSSLErrors.clear()
      _ = SSL_shutdown(ssl)
      OpenSSLErrors.clear()
    }
    channel.transport.close()
  }

  private var closedError: TransportError {
    TransportError(.io, "TLS connection to \(peerDescription) is already closed")
  }
}
