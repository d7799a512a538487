import COpenSSL

extension TLSStream {
  /// Explains a failed SSL call: a transport error beneath it (unless the peer's alert explains
  /// it better), then a certificate that failed verification, then OpenSSL's queued reasons.
  func failure(_ code: Int32) -> TransportError {
    if let error = channel.transportError {
      return receivedAlert() ?? error
    }
    let reasons = OpenSSLErrors.drain()
    if let failure = channel.verifyFailure {
      let why = failure.mismatch?.text ?? "\(failure.reason) (subject \(failure.subject))"
      return TransportError(.tls, "\(failurePrefix): certificate verify failed: \(why)")
    }
    if reasons.isEmpty {
      let closed = channel.sawEOF || code == SSL_ERROR_ZERO_RETURN
      return TransportError(
        .tls, "\(failurePrefix): \(closed ? "connection closed by peer" : "SSL error \(code)")")
    }
    return reasonError(reasons.joined(separator: ": "))
  }

  private var failurePrefix: String {
    isHandshakeFinished
      ? "TLS error on connection with \(peerDescription)"
      : "TLS handshake with \(peerDescription) failed"
  }

  private func reasonError(_ text: String) -> TransportError {
    let hint = TLSFailureHints.hint(for: text, isServer: context.isServer)
    return TransportError(.tls, "\(failurePrefix): \(text)\(hint)")
  }

  /// A server that refuses our certificate sends an alert and closes at once; a write racing
  /// that close sees a reset although the alert already sits in the receive buffer. Reading it
  /// gives the real reason.
  private func receivedAlert() -> TransportError? {
    guard !context.isServer, channel.transportError?.kind == .unavailable else { return nil }
    let original = channel.transportError
    channel.transportError = nil
    OpenSSLErrors.clear()
    var byte: UInt8 = 0
    let status = SSL_peek(ssl, &byte, 1)
    defer { channel.transportError = original }
    guard status <= 0, SSL_get_error(ssl, status) == SSL_ERROR_SSL else { return nil }
    let text = OpenSSLErrors.drain().joined(separator: ": ")
    return text.containsText("alert") ? reasonError(text) : nil
  }
}
