import COpenSSL
import Glibc

/// The names a certificate is for: its DNS and IP subjectAltName entries, in order.
enum TLSCertificateNames {
  /// The DNS names as written and the IP addresses in their usual text form; empty when the
  /// certificate has no subjectAltName (or only other kinds, such as e-mail addresses).
  static func of(_ certificate: OpaquePointer) -> [String] {
    guard let extensionData = X509_get_ext_d2i(certificate, NID_subject_alt_name, nil, nil)
    else { return [] }
    let entries = OpaquePointer(extensionData)
    defer { GENERAL_NAMES_free(entries) }
    var names: [String] = []
    for index in 0..<rg_sk_GENERAL_NAME_num(entries) {
      guard let entry = rg_sk_GENERAL_NAME_value(entries, index) else { continue }
      switch entry.pointee.type {
      case GEN_DNS: names.append(text(of: entry.pointee.d.dNSName))
      case GEN_IPADD: names.append(address(of: entry.pointee.d.iPAddress))
      default: break
      }
    }
    return names
  }

  private static func bytes(of string: UnsafeMutablePointer<ASN1_STRING>?) -> [UInt8] {
    guard let string, let data = ASN1_STRING_get0_data(string) else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: Int(max(ASN1_STRING_length(string), 0))))
  }

  private static func text(of string: UnsafeMutablePointer<ASN1_STRING>?) -> String {
    String(decoding: bytes(of: string), as: UTF8.self)
  }

  /// 4 bytes are IPv4, 16 IPv6; anything else is malformed and shown as hex.
  private static func address(of string: UnsafeMutablePointer<ASN1_STRING>?) -> String {
    let raw = bytes(of: string)
    let family: Int32
    switch raw.count {
    case 4: family = AF_INET
    case 16: family = AF_INET6
    default: return "IP " + raw.map { String($0, radix: 16) }.joined(separator: ":")
    }
    var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
    guard inet_ntop(family, raw, &buffer, socklen_t(buffer.count)) != nil else { return "?" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
