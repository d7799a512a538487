import RouteGuideCompression
import RouteGuideProtocol

/// The value of `--compress`: `identity` (nothing) or one of the algorithms rg supports.
enum CompressionChoice {
  /// What `--compress` takes, for help and completions.
  static var names: [String] { ["identity"] + StandardCompression.algorithms.map(\.name) }

  /// The algorithm named `text`; nil for `identity`.
  static func parse(_ text: String) throws(OptionValueError) -> CompressionAlgorithm? {
    if text == "identity" { return nil }
    guard let algorithm = StandardCompression.algorithm(named: text) else {
      throw OptionValueError("expected one of: \(names.joined(separator: ", "))")
    }
    return algorithm
  }
}
