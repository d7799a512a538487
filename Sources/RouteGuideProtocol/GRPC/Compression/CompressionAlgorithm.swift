/// A `grpc-encoding` an endpoint supports: its name, and how to make its codec.
///
/// Algorithms are plain values (options and configurations hold them); the codecs, which keep
/// state, are made per event loop by `MessageCodecs`. Two algorithms are the same when their
/// names are.
public struct CompressionAlgorithm: Sendable, Hashable, CustomStringConvertible {
  /// The `grpc-encoding` name.
  public let name: String
  let makeCodec: @Sendable () -> any MessageCodec

  public init(name: String, makeCodec: @escaping @Sendable () -> any MessageCodec) {
    self.name = name
    self.makeCodec = makeCodec
  }

  public var description: String { name }

  public static func == (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name }

  public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
