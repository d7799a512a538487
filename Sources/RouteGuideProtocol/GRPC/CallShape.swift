/// How many messages flow each way in a call.
public enum CallShape: String, Hashable, Sendable {
  /// One request, one response.
  case unary
  /// One request, a stream of responses.
  case serverStreaming
  /// A stream of requests, one response.
  case clientStreaming
  /// Streams both ways at once.
  case bidiStreaming

  public var isClientStreaming: Bool { self == .clientStreaming || self == .bidiStreaming }
  public var isServerStreaming: Bool { self == .serverStreaming || self == .bidiStreaming }
}
