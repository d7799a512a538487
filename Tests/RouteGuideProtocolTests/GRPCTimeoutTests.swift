import RouteGuideProtocol
import Testing

@Suite struct GRPCTimeoutTests {
  @Test(arguments: [
    (UInt64(0), "0n"), (1, "1n"), (99_999_999, "99999999n"), (100_000_000, "100000u"),
    (100_000_001, "100001u"), (1_000_000_000, "1000000u"), (99_999_999_000, "99999999u"),
    (99_999_999_001, "100000m"), (30_000_000_000, "30000000u"), (100_000_000_000_000, "100000S"),
    (99_999_999_000_000_000, "99999999S"), (99_999_999_000_000_001, "1666667M"),
    (UInt64.max, "5124096H"),
  ])
  func encodesInTheFinestUnitRoundingUp(nanoseconds: UInt64, header: String) {
    #expect(GRPCTimeout.encode(nanoseconds: nanoseconds) == header)
  }

  @Test func encodingNeverShortensTheDeadline() {
    var generator = SplitMix64(seed: 7)
    for _ in 0..<10_000 {
      let nanoseconds = UInt64.random(
        in: 0...UInt64.max >> UInt64.random(in: 0...63, using: &generator), using: &generator)
      let header = GRPCTimeout.encode(nanoseconds: nanoseconds)
      #expect(header.utf8.count <= 9)
      let decoded = GRPCTimeout.decode(header)
      #expect(decoded.map { $0 >= nanoseconds } == true, "\(nanoseconds) -> \(header)")
    }
  }

  @Test(arguments: [
    ("1H", UInt64(3_600_000_000_000)), ("2M", 120_000_000_000), ("3S", 3_000_000_000),
    ("4m", 4_000_000), ("5u", 5_000), ("6n", 6), ("00000000n", 0), ("99999999H", UInt64.max),
    ("12345678m", 12_345_678_000_000),
  ])
  func decodes(header: String, nanoseconds: UInt64) {
    #expect(GRPCTimeout.decode(header) == nanoseconds)
  }

  @Test(arguments: [
    "", "S", "1", "123456789S", "1s", "1 S", " 1S", "-1S", "+1S", "1.5S", "1h", "١S",
  ])
  func refusesMalformedValues(header: String) {
    #expect(GRPCTimeout.decode(header) == nil)
  }
}
