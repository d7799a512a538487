import Testing

@testable import RouteGuideTransport

@Suite struct HTTP2ResetLimitTests {
  static let second: UInt64 = 1_000_000_000

  /// The verdicts on resets at `times` (nanoseconds).
  static func verdicts(_ limit: inout HTTP2ResetLimit, at times: [UInt64]) -> [Bool] {
    times.map { limit.resetReceived(at: $0) }
  }

  @Test func aBurstIsAllowedAndOneMoreIsNot() {
    var limit = HTTP2ResetLimit(burst: 200, perSecond: 20)
    let times = (0..<201).map { 5 * Self.second + UInt64($0) }
    #expect(Self.verdicts(&limit, at: times) == Array(repeating: false, count: 200) + [true])
  }

  @Test func theBucketRefillsAtTheRate() {
    var limit = HTTP2ResetLimit(burst: 10, perSecond: 20)
    let burst = Array(repeating: false, count: 10) + [true]
    #expect(Self.verdicts(&limit, at: Array(repeating: 0, count: 11)) == burst)
    // Half a second earns ten more, not eleven.
    #expect(Self.verdicts(&limit, at: Array(repeating: Self.second / 2, count: 11)) == burst)
  }

  @Test func aSteadyRateBelowTheLimitIsFine() {
    var limit = HTTP2ResetLimit(burst: 10, perSecond: 20)
    // 15 a second for a minute.
    let times = (0..<900).map { UInt64($0) * Self.second / 15 }
    #expect(!Self.verdicts(&limit, at: times).contains(true))
  }
}
