import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

@Suite struct FeatureDatabaseTests {
  let database = FeatureDatabase.sample

  @Test func lookupFindsTheFirstFeatureAtAPoint() {
    #expect(database.feature(at: Point(latitude: 10, longitude: 10))?.name == "a")
    #expect(database.feature(at: Point(latitude: 20, longitude: -20))?.name == "b")
  }

  @Test func lookupMissesOtherPoints() {
    #expect(database.feature(at: Point(latitude: 10, longitude: 11)) == nil)
    #expect(database.feature(at: Point()) == nil)
  }

  @Test func unsetLocationIsFoundAtTheOrigin() {
    let database = FeatureDatabase([Feature(name: "nowhere")])
    #expect(database.feature(at: Point())?.name == "nowhere")
  }

  @Test func namedFeaturesOnlyCount() {
    #expect(database.hasNamedFeature(at: Point(latitude: 10, longitude: 10)))
    #expect(!database.hasNamedFeature(at: Point(latitude: 30, longitude: 30)))
    #expect(!database.hasNamedFeature(at: Point(latitude: 1, longitude: 1)))
  }

  @Test func listingIsInDatabaseOrderWithInclusiveEdges() {
    let rectangle = Rectangle(
      lo: Point(latitude: 10, longitude: -20), hi: Point(latitude: 30, longitude: 30))
    let names = Array(database.features(in: rectangle)).map(\.name)
    #expect(names == ["a", "b", "a again", ""])
  }

  @Test func cornersMayComeInAnyOrder() {
    let corners = (Point(latitude: -40, longitude: 10), Point(latitude: 10, longitude: 40))
    let swapped = Point(latitude: corners.0.latitude, longitude: corners.1.longitude)
    let other = Point(latitude: corners.1.latitude, longitude: corners.0.longitude)
    for rectangle in [
      Rectangle(lo: corners.0, hi: corners.1), Rectangle(lo: corners.1, hi: corners.0),
      Rectangle(lo: swapped, hi: other),
    ] {
      #expect(Array(database.features(in: rectangle)).map(\.name) == ["a", "a again", "c"])
    }
  }

  @Test func unsetCornersAreTheOrigin() {
    let rectangle = Rectangle(hi: Point(latitude: 20, longitude: -20))
    #expect(Array(database.features(in: rectangle)).map(\.name) == ["b"])
    #expect(Array(database.features(in: Rectangle())).isEmpty)
  }

  @Test func listingResumesWhereItStopped() {
    var listing = database.features(
      in: Rectangle(
        lo: Point(latitude: -90, longitude: -90), hi: Point(latitude: 90, longitude: 90)))
    #expect(listing.next()?.name == "a")
    #expect(listing.next()?.name == "b")
    #expect(Array(IteratorSequence(listing)).map(\.name) == ["a again", "", "c"])
  }

  @Test func extremeCornersCoverEverything() {
    let rectangle = Rectangle(
      lo: Point(latitude: .min, longitude: .min), hi: Point(latitude: .max, longitude: .max))
    #expect(Array(database.features(in: rectangle)).count == database.features.count)
  }
}
