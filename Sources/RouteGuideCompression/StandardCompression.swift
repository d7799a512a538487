import RouteGuideProtocol

/// The compression algorithms rg supports, in order of preference: what it lists in
/// `grpc-accept-encoding` and what `--compress` takes. Another algorithm joins here, with a
/// `MessageCodec` of its own.
public enum StandardCompression {
  public static let gzip = CompressionAlgorithm(name: "gzip") { ZlibCodec(.gzip) }
  public static let deflate = CompressionAlgorithm(name: "deflate") { ZlibCodec(.zlib) }

  public static let algorithms = [gzip, deflate]

  /// The algorithm called `name`; nil for `identity` and names rg does not know.
  public static func algorithm(named name: String) -> CompressionAlgorithm? {
    algorithms.first { $0.name == name }
  }
}
