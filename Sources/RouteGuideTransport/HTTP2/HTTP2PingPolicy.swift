/// gRPC's keepalive enforcement on the server side (grpc-core's ping abuse policy, grpc-go's
/// EnforcementPolicy): a PING sooner than `minInterval` after the previous one is a strike, and
/// more than `maxStrikes` strikes end the connection. HEADERS or DATA sent since the previous
/// PING clear the count, as clients ping to measure bandwidth while data flows to them.
struct HTTP2PingPolicy {
  let minInterval: UInt64
  let maxStrikes: Int
  private var lastPing: UInt64?
  private(set) var strikes = 0

  init(minInterval: UInt64, maxStrikes: Int) {
    self.minInterval = minInterval
    self.maxStrikes = maxStrikes
  }

  /// Counts a PING received at `now` (monotonic nanoseconds); true once there were too many.
  mutating func pingReceived(at now: UInt64, afterSendingData: Bool) -> Bool {
    defer { lastPing = now }
    if afterSendingData {
      strikes = 0
      return false
    }
    if let lastPing, now &- lastPing < minInterval { strikes += 1 }
    return strikes > maxStrikes
  }
}
