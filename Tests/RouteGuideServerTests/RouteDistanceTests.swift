import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

@Suite struct RouteDistanceTests {
  @Test func tutorialPointsAgreeWithThePythonServer() {
    // Python: distance(Point(409146138, -746188906), Point(407838351, -746143763))
    let metres = RouteDistance.metres(
      from: Point(latitude: 409_146_138, longitude: -746_188_906),
      to: Point(latitude: 407_838_351, longitude: -746_143_763))
    #expect(metres == 14546.884344360276)
  }

  @Test func oneDegreeOfLatitude() {
    let metres = RouteDistance.metres(from: Point(), to: Point(latitude: 10_000_000))
    #expect(abs(metres - 6_371_000 * Double.pi / 180) < 1e-6)
  }

  @Test func halfwayAroundTheEquator() {
    let metres = RouteDistance.metres(from: Point(), to: Point(longitude: 1_800_000_000))
    #expect(abs(metres - 6_371_000 * Double.pi) < 1e-6)
  }

  @Test func samePointIsZero() {
    let point = Point(latitude: 123, longitude: -456)
    #expect(RouteDistance.metres(from: point, to: point) == 0)
  }

  @Test func extremeCoordinatesDoNotOverflow() {
    let metres = RouteDistance.metres(
      from: Point(latitude: .max, longitude: .max), to: Point(latitude: .min, longitude: .min))
    #expect(metres.isFinite && metres > 0)
  }

  @Test func wireMetresTruncatesAndSaturates() {
    #expect(RouteDistance.wireMetres(14546.99) == 14546)
    #expect(RouteDistance.wireMetres(0) == 0)
    #expect(RouteDistance.wireMetres(2_147_483_646.9) == 2_147_483_646)
    #expect(RouteDistance.wireMetres(2_147_483_647) == .max)
    #expect(RouteDistance.wireMetres(1e12) == .max)
    #expect(RouteDistance.wireMetres(.infinity) == 0)
    #expect(RouteDistance.wireMetres(.nan) == 0)
  }
}
