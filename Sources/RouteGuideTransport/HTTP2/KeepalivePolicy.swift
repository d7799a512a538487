/// When a client probes a silent connection with PING, and when it gives up on it.
///
/// Silence counts only while calls wait for the server. By default the first PING goes out
/// after `defaultFirstProbe` of silence and later ones at most every `defaultRepeatProbe`:
/// gRPC servers (grpc-core, grpc-go) allow one PING per 5 minutes while they send nothing and
/// close connections that ping more often (GOAWAY too_many_pings), but the first PING after
/// they last sent something is never counted against the client.
public struct KeepalivePolicy: Sendable, Hashable {
  public static let defaultFirstProbe: UInt64 = 10_000_000_000
  public static let defaultRepeatProbe: UInt64 = 300_000_000_000
  public static let defaultTimeout: UInt64 = 20_000_000_000

  /// Silence before each PING (`--keepalive`); nil for the default schedule.
  public var interval: UInt64?
  /// How long a PING may go unanswered (nothing at all received) before the connection is
  /// given up (`--keepalive-timeout`).
  public var timeout: UInt64

  public init(interval: UInt64? = nil, timeout: UInt64 = KeepalivePolicy.defaultTimeout) {
    self.interval = interval
    self.timeout = timeout
  }

  /// Silence to wait before the next PING, given how many were sent since the server last
  /// sent headers or data.
  func silenceBeforeProbe(probesSinceActivity: Int) -> UInt64 {
    if let interval { return interval }
    return probesSinceActivity == 0 ? Self.defaultFirstProbe : Self.defaultRepeatProbe
  }
}
