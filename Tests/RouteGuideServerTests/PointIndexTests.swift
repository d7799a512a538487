import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

@Suite struct PointIndexTests {
  @Test func findsEveryInsertedPointAndNothingElse() {
    var index = PointIndex(capacity: 1000)
    for step in 0..<1000 {
      index.insertIfAbsent(Point(latitude: Int32(step), longitude: -Int32(step)), Int32(step))
    }
    for step in 0..<1000 {
      #expect(
        index.value(for: Point(latitude: Int32(step), longitude: -Int32(step))) == Int32(step))
    }
    #expect(index.value(for: Point(latitude: 1, longitude: 1)) == nil)
    #expect(index.value(for: Point(latitude: -1, longitude: 1)) == nil)
  }

  @Test func keepsTheFirstPositionOfADuplicate() {
    var index = PointIndex(capacity: 2)
    index.insertIfAbsent(Point(latitude: 5, longitude: 6), 0)
    index.insertIfAbsent(Point(latitude: 5, longitude: 6), 1)
    #expect(index.value(for: Point(latitude: 5, longitude: 6)) == 0)
  }

  @Test func distinguishesExtremeAndSwappedCoordinates() {
    var index = PointIndex(capacity: 4)
    index.insertIfAbsent(Point(latitude: Int32.min, longitude: Int32.max), 0)
    index.insertIfAbsent(Point(latitude: Int32.max, longitude: Int32.min), 1)
    index.insertIfAbsent(Point(), 2)
    #expect(index.value(for: Point(latitude: Int32.min, longitude: Int32.max)) == 0)
    #expect(index.value(for: Point(latitude: Int32.max, longitude: Int32.min)) == 1)
    #expect(index.value(for: Point()) == 2)
  }

  @Test func anEmptyIndexFindsNothing() {
    let index = PointIndex(capacity: 0)
    #expect(index.value(for: Point()) == nil)
  }
}
