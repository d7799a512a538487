/// A token bucket for the RST_STREAM frames a client sends: `burst` at once, then `perSecond`.
///
/// The rapid-reset attack (CVE-2023-44487) opens and cancels streams as fast as it can, so the
/// server starts work it never finishes. nghttp2 has a limit of its own (1,000, then 33 a
/// second) but answers with GOAWAY INTERNAL_ERROR, where gRPC servers say ENHANCE_YOUR_CALM:
/// this one is lower, so it trips first.
struct HTTP2ResetLimit {
  let burst: Int
  let perSecond: Int
  private var tokens: Double
  private var refilled: UInt64?

  init(burst: Int, perSecond: Int) {
    self.burst = burst
    self.perSecond = perSecond
    tokens = Double(burst)
  }

  /// Counts a reset received at `now` (monotonic nanoseconds); true when it is over the limit.
  mutating func resetReceived(at now: UInt64) -> Bool {
    if let refilled {
      let earned = Double(now &- refilled) / 1e9 * Double(perSecond)
      tokens = min(Double(burst), tokens + earned)
    }
    refilled = now
    guard tokens >= 1 else { return true }
    tokens -= 1
    return false
  }
}
