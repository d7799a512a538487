import COpenSSL

/// Builds the client SSL_CTX from a TLSClientConfiguration: trust, identity, ALPN "h2".
enum TLSClientContext {
  static func make(_ configuration: TLSClientConfiguration) throws(TransportError) -> TLSContext {
    let context = try TLSContext(isServer: false)
    if configuration.insecure {
      SSL_CTX_set_verify(context.context, SSL_VERIFY_NONE, nil)
    } else {
      try context.trust(caFile: configuration.caFile, system: configuration.systemTrust)
      context.requirePeerCertificate(mandatory: true)
    }
    switch (configuration.certificateFile, configuration.keyFile) {
    case (let certificate?, let key?):
      try context.useIdentity(certificateFile: certificate, keyFile: key, role: "client")
    case (let certificate?, nil):
      // A key in the certificate file is common; OpenSSL says clearly if it is not there.
      try context.useIdentity(certificateFile: certificate, keyFile: certificate, role: "client")
    case (nil, .some):
      throw TransportError(.tls, "a client key needs a client certificate")
    case (nil, nil):
      break
    }
    let protocols: [UInt8] = [2, UInt8(ascii: "h"), UInt8(ascii: "2")]
    // Unlike most of OpenSSL, 0 means success here.
    guard SSL_CTX_set_alpn_protos(context.context, protocols, UInt32(protocols.count)) == 0 else {
      throw TransportError(.tls, "cannot offer ALPN h2: \(OpenSSLErrors.message(fallback: ""))")
    }
    return context
  }
}
