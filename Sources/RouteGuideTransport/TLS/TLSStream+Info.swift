import COpenSSL

extension TLSStream: TLSInfo {
  var negotiatedProtocol: String? {
    var data: UnsafePointer<UInt8>?
    var length: UInt32 = 0
    SSL_get0_alpn_selected(ssl, &data, &length)
    guard let data, length > 0 else { return nil }
    return String(decoding: UnsafeBufferPointer(start: data, count: Int(length)), as: UTF8.self)
  }

  var tlsVersion: String {
    SSL_get_version(ssl).map { String(cString: $0) } ?? "unknown"
  }

  var cipher: String {
    guard let cipher = SSL_get_current_cipher(ssl), let name = SSL_CIPHER_get_name(cipher) else {
      return "none"
    }
    return String(cString: name)
  }
}
