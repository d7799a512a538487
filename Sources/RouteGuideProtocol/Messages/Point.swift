/// A location as latitude and longitude in E7 (degrees multiplied by 10^7).
public struct Point: Hashable, Sendable {
  public var latitude: Int32
  public var longitude: Int32

  public init(latitude: Int32 = 0, longitude: Int32 = 0) {
    self.latitude = latitude
    self.longitude = longitude
  }
}

extension Point: GRPCMessage {}
