/// The answer to RecordRoute: what the server counted over the streamed points.
public struct RouteSummary: Hashable, Sendable {
  public var pointCount: Int32
  public var featureCount: Int32
  public var distance: Int32
  public var elapsedTime: Int32

  public init(
    pointCount: Int32 = 0, featureCount: Int32 = 0, distance: Int32 = 0, elapsedTime: Int32 = 0
  ) {
    self.pointCount = pointCount
    self.featureCount = featureCount
    self.distance = distance
    self.elapsedTime = elapsedTime
  }
}

extension RouteSummary: GRPCMessage {}
