/// What a TLS connection negotiated, for `-v` output.
public protocol TLSInfo {
  /// The ALPN protocol ("h2"), or nil when none was selected.
  var negotiatedProtocol: String? { get }
  /// The protocol version, e.g. "TLSv1.3".
  var tlsVersion: String { get }
  /// The cipher suite, e.g. "TLS_AES_256_GCM_SHA384".
  var cipher: String { get }
}
