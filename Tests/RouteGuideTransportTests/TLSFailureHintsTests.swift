import Testing

@testable import RouteGuideTransport

/// What common OpenSSL reasons are explained as.
@Suite struct TLSFailureHintsTests {
  @Test func plaintextPeers() {
    #expect(
      TLSFailureHints.hint(for: "wrong version number", isServer: false)
        == " (is the server using plaintext? then use --plaintext or an http:// address)")
    #expect(
      TLSFailureHints.hint(for: "http request", isServer: true)
        == " (is the client using plaintext?)")
  }

  @Test func refusedClientCertificateOnlyOnTheClient() {
    let reason = "tlsv13 alert certificate required"
    #expect(
      TLSFailureHints.hint(for: reason, isServer: false)
        == " (the server did not accept our client certificate)")
    #expect(TLSFailureHints.hint(for: reason, isServer: true).isEmpty)
  }

  @Test func unknownReasonsGetNoHint() {
    #expect(TLSFailureHints.hint(for: "unsupported protocol", isServer: false).isEmpty)
  }
}
