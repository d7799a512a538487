import COpenSSL
import Glibc

/// A CA bundle read only when the hashed directories do not hold a chain's issuer.
///
/// OpenSSL trusts the bundle file and the directories together; loading the bundle up front
/// parses every certificate in it (140 of them, 20 ms) for each run, even when the directory
/// lookup finds the one issuer needed. So verification first runs against the directories;
/// only when it fails for want of an issuer is the bundle loaded into the store and the chain
/// verified again from the start, against everything OpenSSL would have trusted.
final class TLSLazyBundle {
  let path: String
  private var loaded = false

  init(path: String) {
    self.path = path
  }

  /// Verifies through `context` with the bundle loaded on demand; the SSL_CTX must not outlive
  /// this object (TLSContext keeps it).
  func install(on context: OpaquePointer) {
    SSL_CTX_set_cert_verify_callback(
      context, verifyWithLazyBundle, Unmanaged.passUnretained(self).toOpaque())
  }

  /// Verification errors that another issuer could cure.
  static func wantsIssuer(_ code: Int32) -> Bool {
    [
      X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT,
      X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT,
    ].contains(code)
  }

  fileprivate func verify(_ storeContext: OpaquePointer) -> Int32 {
    let first = X509_verify_cert(storeContext)
    guard first != 1, !loaded, Self.wantsIssuer(X509_STORE_CTX_get_error(storeContext)),
      let store = X509_STORE_CTX_get0_store(storeContext)
    else { return first }
    loaded = true
    guard X509_STORE_load_file(store, path) == 1 else {
      OpenSSLErrors.clear()
      return first
    }
    return verifyAgain(storeContext, store: store) ?? first
  }

  /// A fresh verification of the same chain with the same parameters (host name, purpose) and
  /// callback; its verdict, error and chain go back to the context OpenSSL reads them from.
  private func verifyAgain(_ original: OpaquePointer, store: OpaquePointer) -> Int32? {
    guard let again = X509_STORE_CTX_new() else { return nil }
    defer { X509_STORE_CTX_free(again) }
    guard
      X509_STORE_CTX_init(
        again, store, X509_STORE_CTX_get0_cert(original),
        X509_STORE_CTX_get0_untrusted(original)) == 1,
      X509_VERIFY_PARAM_set1(
        X509_STORE_CTX_get0_param(again), X509_STORE_CTX_get0_param(original)) == 1
    else { return nil }
    let index = SSL_get_ex_data_X509_STORE_CTX_idx()
    let ssl = X509_STORE_CTX_get_ex_data(original, index)
    _ = X509_STORE_CTX_set_ex_data(again, index, ssl)
    X509_STORE_CTX_set_verify_cb(again, X509_STORE_CTX_get_verify_cb(original))
    // The first attempt's failure was recorded for the handshake error; this one decides.
    if let ssl, let data = SSL_get_ex_data(OpaquePointer(ssl), 0) {
      Unmanaged<TLSChannel>.fromOpaque(data).takeUnretainedValue().verifyFailure = nil
    }
    let verdict = X509_verify_cert(again)
    X509_STORE_CTX_set_error(original, X509_STORE_CTX_get_error(again))
    X509_STORE_CTX_set_error_depth(original, X509_STORE_CTX_get_error_depth(again))
    X509_STORE_CTX_set_current_cert(original, X509_STORE_CTX_get_current_cert(again))
    if let chain = X509_STORE_CTX_get1_chain(again) {
      X509_STORE_CTX_set0_verified_chain(original, chain)
    }
    return verdict
  }
}

private func verifyWithLazyBundle(
  _ storeContext: OpaquePointer?, _ argument: UnsafeMutableRawPointer?
)
  -> Int32
{
  guard let storeContext, let argument else { return 0 }
  return Unmanaged<TLSLazyBundle>.fromOpaque(argument).takeUnretainedValue().verify(storeContext)
}
