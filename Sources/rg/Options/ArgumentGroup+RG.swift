import ArgumentParsing

/// The headings rg's options are listed under.
extension ArgumentGroup {
  static let connection = ArgumentGroup("CONNECTION OPTIONS")
  static let tls = ArgumentGroup("TLS OPTIONS")
  static let call = ArgumentGroup("CALL OPTIONS")
  static let output = ArgumentGroup("OUTPUT OPTIONS")
  static let server = ArgumentGroup("SERVER OPTIONS")
}
