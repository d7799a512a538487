/// The per-connection state OpenSSL's C callbacks reach: the transport under the TLS records and
/// what went wrong below or during certificate verification.
final class TLSChannel {
  /// The first certificate that failed verification and why.
  struct VerifyFailure {
    var reason: String
    var subject: String
  }

  let transport: any ByteStream
  /// A transport error the BIO could not hand to OpenSSL; it explains the SSL call's failure.
  var transportError: TransportError?
  /// The transport reached EOF (a TCP close, with or without close_notify).
  var sawEOF = false
  var verifyFailure: VerifyFailure?

  init(transport: any ByteStream) {
    self.transport = transport
  }
}
