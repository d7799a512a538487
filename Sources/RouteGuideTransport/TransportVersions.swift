import CNGHTTP2
import COpenSSL

/// The versions of the C libraries rg runs on, for `rg --version`.
public enum TransportVersions {
  /// libnghttp2's version string, e.g. `1.52.0`.
  public static var nghttp2: String {
    guard let info = nghttp2_version(0), let text = info.pointee.version_str else {
      return "unknown"
    }
    return String(cString: text)
  }

  /// OpenSSL's version string, e.g. `OpenSSL 3.0.19 27 Jan 2026`.
  public static var openssl: String {
    guard let text = OpenSSL_version(OPENSSL_VERSION) else { return "unknown" }
    return String(cString: text)
  }
}
