import Testing

@testable import RouteGuideTransport

@Suite struct HTTP2PingPolicyTests {
  static let second: UInt64 = 1_000_000_000

  /// The verdicts on PINGs at `times` (seconds), with data sent before those in `afterData`.
  static func verdicts(
    _ policy: inout HTTP2PingPolicy, at times: [UInt64], afterData: Set<UInt64> = []
  ) -> [Bool] {
    times.map { policy.pingReceived(at: $0 * second, afterSendingData: afterData.contains($0)) }
  }

  @Test func theFourthPingTooSoonIsTooMany() {
    var policy = HTTP2PingPolicy(minInterval: 10 * Self.second, maxStrikes: 2)
    // The first PING is never a strike; the next three come a second apart.
    #expect(Self.verdicts(&policy, at: [0, 1, 2, 3]) == [false, false, false, true])
    #expect(policy.strikes == 3)
  }

  @Test func pingsAtTheMinimumIntervalAreNoStrikes() {
    var policy = HTTP2PingPolicy(minInterval: 10 * Self.second, maxStrikes: 2)
    let times = (0..<20).map { UInt64($0) * 10 }
    #expect(Self.verdicts(&policy, at: times) == Array(repeating: false, count: 20))
    #expect(policy.strikes == 0)
  }

  /// A bandwidth probe while a response streams is fair, and the count starts over.
  @Test func sendingDataClearsTheStrikes() {
    var policy = HTTP2PingPolicy(minInterval: 10 * Self.second, maxStrikes: 2)
    #expect(Self.verdicts(&policy, at: [0, 1, 2]) == [false, false, false])
    #expect(policy.strikes == 2)
    #expect(Self.verdicts(&policy, at: [3], afterData: [3]) == [false])
    #expect(policy.strikes == 0)
    #expect(Self.verdicts(&policy, at: [4, 5, 6]) == [false, false, true])
  }
}
