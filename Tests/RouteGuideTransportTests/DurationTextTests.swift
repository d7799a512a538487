import Testing

@testable import RouteGuideTransport

/// Timeouts in messages read as the user wrote them.
@Suite struct DurationTextTests {
  @Test(arguments: [
    (UInt64(2_000_000_000), "2s"), (1_500_000_000, "1500ms"), (300_000_000, "300ms"),
    (250_000, "250us"), (7, "7ns"), (0, "0s"),
  ])
  func formats(nanoseconds: UInt64, expected: String) {
    #expect(DurationText.format(nanoseconds: nanoseconds) == expected)
  }
}
