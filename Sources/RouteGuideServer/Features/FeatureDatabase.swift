import RouteGuideProtocol

/// The server's features, in database order, with a hash index for exact-point lookups.
///
/// A value type over one shared array: handing it to every call copies nothing.
public struct FeatureDatabase: Sendable {
  public let features: [Feature]
  /// The index of the first feature at each location (later duplicates are unreachable by
  /// GetFeature, as in the tutorial, which scans in order), shifted left by one, with the low
  /// bit set when that feature has a name: RecordRoute's question is answered by the index
  /// alone, without a cache miss on the feature.
  private let firstIndex: PointIndex

  public init(_ features: [Feature]) {
    self.features = features
    var index = PointIndex(capacity: features.count)
    for (position, feature) in features.enumerated() {
      // An unset location reads as (0, 0) on the wire; index it as such, as listing does.
      let named: Int32 = feature.name.isEmpty ? 0 : 1
      index.insertIfAbsent(feature.location ?? Point(), Int32(position) << 1 | named)
    }
    firstIndex = index
  }

  /// The first feature at exactly `point`, if any.
  public func feature(at point: Point) -> Feature? {
    firstIndex.value(for: point).map { features[Int($0 >> 1)] }
  }

  /// Whether a named feature is at `point` (what RecordRoute counts).
  public func hasNamedFeature(at point: Point) -> Bool {
    firstIndex.value(for: point).map { $0 & 1 == 1 } ?? false
  }

  /// The features inside `rectangle`, lazily and in database order.
  public func features(in rectangle: Rectangle) -> Listing {
    Listing(database: self, bounds: Bounds(rectangle))
  }
}

extension FeatureDatabase {
  /// A rectangle normalised so that corners may come in any order; edges are inclusive.
  struct Bounds: Sendable {
    let latitudes: ClosedRange<Int32>
    let longitudes: ClosedRange<Int32>

    init(_ rectangle: Rectangle) {
      // An unset corner is the default Point (0, 0), as the wire format makes it.
      let lo = rectangle.lo ?? Point()
      let hi = rectangle.hi ?? Point()
      latitudes = min(lo.latitude, hi.latitude)...max(lo.latitude, hi.latitude)
      longitudes = min(lo.longitude, hi.longitude)...max(lo.longitude, hi.longitude)
    }

    func contains(_ point: Point?) -> Bool {
      let point = point ?? Point()
      return latitudes.contains(point.latitude) && longitudes.contains(point.longitude)
    }
  }

  /// A resumable walk over the features in a rectangle: a streaming call takes some, waits for
  /// the peer to read, then goes on from where it stopped.
  public struct Listing: Sequence, IteratorProtocol, Sendable {
    let database: FeatureDatabase
    let bounds: Bounds
    private var position = 0

    init(database: FeatureDatabase, bounds: Bounds) {
      self.database = database
      self.bounds = bounds
    }

    public mutating func next() -> Feature? {
      let features = database.features
      while position < features.count {
        defer { position += 1 }
        if bounds.contains(features[position].location) { return features[position] }
      }
      return nil
    }
  }
}
