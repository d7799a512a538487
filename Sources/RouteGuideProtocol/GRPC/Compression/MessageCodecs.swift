/// The codecs of the algorithms one endpoint supports, made on first use, for the calls of one
/// event loop (codecs keep state and are not shared between threads).
public final class MessageCodecs {
  /// The algorithms, in order of preference.
  public let algorithms: [CompressionAlgorithm]
  /// The `grpc-accept-encoding` value: the names, comma-separated; empty without algorithms.
  public let acceptEncoding: String
  private var made: [(any MessageCodec)?]

  public init(_ algorithms: [CompressionAlgorithm]) {
    self.algorithms = algorithms
    // Not `joined(separator:)`: unspecialized, it looked up a protocol conformance at run
    // time, 80,000 instructions on every rg start.
    var list = ""
    for algorithm in algorithms {
      if !list.isEmpty { list += ", " }
      list += algorithm.name
    }
    acceptEncoding = list
    made = Array(repeating: nil, count: algorithms.count)
  }

  /// The codec of `algorithm`, which must be one of `algorithms`; nil if it is not.
  public func codec(for algorithm: CompressionAlgorithm) -> (any MessageCodec)? {
    codec(named: algorithm.name)
  }

  /// The codec for the `grpc-encoding` `name` (case-insensitive); nil when not supported.
  public func codec(named name: some StringProtocol) -> (any MessageCodec)? {
    let wanted = name.lowercased()
    guard let index = algorithms.firstIndex(where: { $0.name == wanted }) else { return nil }
    if let codec = made[index] { return codec }
    let codec = algorithms[index].makeCodec()
    made[index] = codec
    return codec
  }

  /// How to read compressed messages from a peer whose `grpc-encoding` is `header`.
  public func encoding(forHeader header: String?) -> MessageEncoding {
    guard let header, header != "identity" else { return .identity }
    if let codec = codec(named: header) { return .compressed(codec) }
    return .unsupported(name: header, supported: acceptEncoding)
  }

  /// Whether a `grpc-accept-encoding` value lists `name` (names are comma-separated, spaces
  /// around them ignored, case-insensitive).
  public static func list(_ header: String, contains name: String) -> Bool {
    header.split(separator: ",").contains {
      $0.trimmingSpaces.lowercased() == name.lowercased()
    }
  }
}

extension Substring {
  /// Without the spaces and tabs around it (Foundation's trimming is not available to rg).
  fileprivate var trimmingSpaces: Substring {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return self[first...last]
  }
}
