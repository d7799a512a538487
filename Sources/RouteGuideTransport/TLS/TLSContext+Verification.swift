import COpenSSL

extension TLSContext {
  /// Turns on peer verification with a callback that records why a certificate failed.
  func requirePeerCertificate(mandatory: Bool) {
    let mode = SSL_VERIFY_PEER | (mandatory ? SSL_VERIFY_FAIL_IF_NO_PEER_CERT : 0)
    SSL_CTX_set_verify(context, mode, recordVerifyFailure)
  }
}

/// Records the first certificate that fails verification (error text and subject, and for a
/// name mismatch the names it is for) on the connection's TLSChannel, so the handshake error
/// can say which certificate and why.
/// It only observes: OpenSSL's verdict `preverified` is returned unchanged.
private func recordVerifyFailure(_ preverified: Int32, _ store: OpaquePointer?) -> Int32 {
  guard preverified == 0, let store,
    let ssl = X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()),
    let data = SSL_get_ex_data(OpaquePointer(ssl), 0)
  else { return preverified }
  let channel = Unmanaged<TLSChannel>.fromOpaque(data).takeUnretainedValue()
  guard channel.verifyFailure == nil else { return preverified }
  let code = X509_STORE_CTX_get_error(store)
  let reason =
    X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "error \(code)"
  let certificate = X509_STORE_CTX_get_current_cert(store)
  let subject = subjectText(certificate)
  var mismatch: TLSNameMismatch?
  if code == X509_V_ERR_HOSTNAME_MISMATCH || code == X509_V_ERR_IP_ADDRESS_MISMATCH,
    let wanted = channel.verifiedName, let certificate
  {
    mismatch = TLSNameMismatch(
      wanted: wanted, certificateNames: TLSCertificateNames.of(certificate), subject: subject)
  }
  channel.verifyFailure = TLSChannel.VerifyFailure(
    reason: reason, subject: subject, mismatch: mismatch)
  return preverified
}

/// A certificate's subject in OpenSSL's one-line form ("/CN=localhost").
private func subjectText(_ certificate: OpaquePointer?) -> String {
  guard let certificate, let name = X509_get_subject_name(certificate),
    let text = X509_NAME_oneline(name, nil, 0)
  else { return "unknown" }
  defer { rg_OPENSSL_free(text) }
  return String(cString: text)
}
