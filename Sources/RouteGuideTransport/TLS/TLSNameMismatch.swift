/// A server certificate that is not for the name rg verifies, explained with both sides.
struct TLSNameMismatch: Equatable {
  /// The most certificate names a message lists.
  static let listedNames = 4

  /// The host name or IP address rg connected to (or --servername).
  var wanted: String
  /// The certificate's DNS and IP subjectAltName entries.
  var certificateNames: [String]
  /// The certificate's subject, for a certificate without subjectAltName.
  var subject: String

  /// `certificate is for a, b, not c`, or, without subjectAltName, why its CN does not count.
  var text: String {
    guard !certificateNames.isEmpty else {
      return "certificate has no subjectAltName for \(wanted) "
        + "(subject \(subject); a name in the subject CN is not accepted)"
    }
    var listed = certificateNames.prefix(Self.listedNames).joined(separator: ", ")
    let more = certificateNames.count - Self.listedNames
    if more > 0 { listed += " and \(more) more" }
    return "certificate is for \(listed), not \(wanted)"
  }
}
