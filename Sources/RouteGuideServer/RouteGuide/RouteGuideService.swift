import RouteGuideProtocol

/// The RouteGuide service: the tutorial's four methods over one feature database.
public final class RouteGuideService: GRPCService {
  public let database: FeatureDatabase
  public let methodHandlers: [MethodHandler]

  public var serviceName: String { RouteGuide.serviceName }

  /// `clock` gives monotonic nanoseconds (RecordRoute's elapsed time); with a `sharedBoard`,
  /// every RouteChat call posts to it (`--shared-chat`), else each call has its own.
  public init(
    database: FeatureDatabase, sharedBoard: RouteChatBoard?, clock: @escaping () -> UInt64
  ) {
    self.database = database
    methodHandlers = [
      MethodHandler(RouteGuide.getFeature) { GetFeatureCall(database: database) },
      MethodHandler(RouteGuide.listFeatures) { ListFeaturesCall(database: database) },
      MethodHandler(RouteGuide.recordRoute) {
        RecordRouteCall(database: database, clock: clock)
      },
      MethodHandler(RouteGuide.routeChat) {
        RouteChatCall(board: sharedBoard ?? RouteChatBoard())
      },
    ]
  }
}
