/// Adds what an OpenSSL reason usually means in practice to a handshake failure message.
enum TLSFailureHints {
  static func hint(for reasons: String, isServer: Bool) -> String {
    let plaintextSigns = ["wrong version number", "packet length too long", "http request"]
    if plaintextSigns.contains(where: { reasons.containsText($0) }) {
      return isServer
        ? " (is the client using plaintext?)"
        : " (is the server using plaintext? then use --plaintext or an http:// address)"
    }
    guard !isServer else { return "" }
    let refusedCertificate = [
      "alert certificate required", "alert bad certificate", "alert unknown ca",
      "alert certificate unknown", "alert access denied",
    ]
    if refusedCertificate.contains(where: { reasons.containsText($0) }) {
      return " (the server did not accept our client certificate)"
    }
    if reasons.containsText("alert no application protocol") {
      return " (the server does not speak HTTP/2)"
    }
    return ""
  }
}
