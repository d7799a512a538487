import RouteGuideTransport

/// rg's version, for `--version` and the user-agent.
enum RGVersion {
  static let number = "0.1.0"

  /// What `rg --version` prints: rg's version, then the C libraries it runs on.
  static var text: String {
    """
    rg \(number)
    nghttp2 \(TransportVersions.nghttp2)
    \(TransportVersions.openssl)
    """
  }
}
