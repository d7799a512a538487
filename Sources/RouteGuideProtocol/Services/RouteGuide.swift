/// The four methods of `routeguide.RouteGuide`, as the tutorial's route_guide.proto has them.
public enum RouteGuide {
  public static let serviceName = "routeguide.RouteGuide"

  public static let getFeature = MethodDescriptor<Point, Feature>(
    service: serviceName, name: "GetFeature", shape: .unary, inputDescription: "Point JSON")
  public static let listFeatures = MethodDescriptor<Rectangle, Feature>(
    service: serviceName, name: "ListFeatures", shape: .serverStreaming,
    inputDescription: "Rectangle JSON")
  public static let recordRoute = MethodDescriptor<Point, RouteSummary>(
    service: serviceName, name: "RecordRoute", shape: .clientStreaming,
    inputDescription: "Points as NDJSON")
  public static let routeChat = MethodDescriptor<RouteNote, RouteNote>(
    service: serviceName, name: "RouteChat", shape: .bidiStreaming,
    inputDescription: "RouteNotes as NDJSON")

  /// Every method, in the .proto's order.
  public static let methods: [MethodInfo] = [
    getFeature.info, listFeatures.info, recordRoute.info, routeChat.info,
  ]
}
