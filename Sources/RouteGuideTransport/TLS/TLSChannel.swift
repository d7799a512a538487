/// The per-connection state OpenSSL's C callbacks reach: the transport under the TLS records and
/// what went wrong below or during certificate verification.
final class TLSChannel {
  /// The first certificate that failed verification and why.
  struct VerifyFailure {
    var reason: String
    var subject: String
    /// Set when the certificate is not for `verifiedName`: what it is for instead.
    var mismatch: TLSNameMismatch?
  }

  let transport: any ByteStream
  /// A transport error the BIO could not hand to OpenSSL; it explains the SSL call's failure.
  var transportError: TransportError?
  /// The transport reached EOF (a TCP close, with or without close_notify).
  var sawEOF = false
  var verifyFailure: VerifyFailure?
  /// The host name or IP address the peer's certificate must name (client side).
  var verifiedName: String?

  init(transport: any ByteStream) {
    self.transport = transport
  }
}
