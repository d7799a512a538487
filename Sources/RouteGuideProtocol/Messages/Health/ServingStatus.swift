/// `grpc.health.v1.HealthCheckResponse.ServingStatus`; unknown numbers are kept as they came.
public struct ServingStatus: JSONEnum, CustomStringConvertible {
  public static let protoEnumName = "grpc.health.v1.HealthCheckResponse.ServingStatus"
  public static let jsonNames: [(number: Int32, name: StaticString)] = [
    (0, "UNKNOWN"), (1, "SERVING"), (2, "NOT_SERVING"), (3, "SERVICE_UNKNOWN"),
  ]

  public static let unknown = ServingStatus(rawValue: 0)
  public static let serving = ServingStatus(rawValue: 1)
  public static let notServing = ServingStatus(rawValue: 2)
  /// Only in Watch: the server does not know the service (yet).
  public static let serviceUnknown = ServingStatus(rawValue: 3)

  public var rawValue: Int32

  public init(rawValue: Int32) {
    self.rawValue = rawValue
  }
}
