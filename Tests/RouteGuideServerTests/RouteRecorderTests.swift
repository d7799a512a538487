import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

@Suite struct RouteRecorderTests {
  let second: UInt64 = 1_000_000_000

  @Test func emptyRouteIsAllZero() {
    let recorder = RouteRecorder(database: .sample)
    #expect(recorder.summary(now: 99 * second) == RouteSummary())
  }

  @Test func countsPointsAndNamedFeatures() {
    var recorder = RouteRecorder(database: .sample)
    for point in [
      Point(latitude: 10, longitude: 10), Point(latitude: 30, longitude: 30),
      Point(latitude: 1, longitude: 1), Point(latitude: 10, longitude: 10),
    ] {
      recorder.add(point, now: 0)
    }
    let summary = recorder.summary(now: 0)
    #expect(summary.pointCount == 4)
    // The unnamed feature at (30, 30) and the empty point do not count.
    #expect(summary.featureCount == 2)
  }

  @Test func distanceIsSummedBeforeTruncating() {
    // Each hop is 1.11 m (1e-5 degrees); truncating per hop would give 0.
    var recorder = RouteRecorder(database: .sample)
    for step in 0..<10 { recorder.add(Point(latitude: Int32(step) * 100), now: 0) }
    #expect(recorder.summary(now: 0).distance == 10)
  }

  @Test func distanceSaturatesAtInt32Max() {
    var recorder = RouteRecorder(database: .sample)
    // 20,015 km per hop between antipodes: 200 hops are about 4e9 m.
    for hop in 0..<200 { recorder.add(Point(longitude: hop % 2 == 0 ? 0 : 1_800_000_000), now: 0) }
    #expect(recorder.summary(now: 0).distance == .max)
  }

  @Test func elapsedCountsWholeSecondsFromTheFirstPoint() {
    var recorder = RouteRecorder(database: .sample)
    recorder.add(Point(), now: 5 * second)
    recorder.add(Point(), now: 6 * second)
    #expect(recorder.summary(now: 7 * second + second / 2).elapsedTime == 2)
    #expect(recorder.summary(now: 5 * second + second - 1).elapsedTime == 0)
  }
}
