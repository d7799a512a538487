/// The four methods of routeguide.RouteGuide: path and streaming kind.
public enum RouteGuideMethod: String, CaseIterable, Sendable {
  case getFeature = "GetFeature"
  case listFeatures = "ListFeatures"
  case recordRoute = "RecordRoute"
  case routeChat = "RouteChat"

  public static let serviceName = "routeguide.RouteGuide"

  /// The HTTP/2 `:path` of the method.
  public var path: String { "/\(Self.serviceName)/\(rawValue)" }

  public var isClientStreaming: Bool { self == .recordRoute || self == .routeChat }
  public var isServerStreaming: Bool { self == .listFeatures || self == .routeChat }

  public init?(path: String) {
    guard let method = Self.allCases.first(where: { $0.path == path }) else { return nil }
    self = method
  }
}
