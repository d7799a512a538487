import RouteGuideProtocol

/// The RouteGuide service: makes the logic for each incoming call by its `:path`.
public final class RouteGuideService {
  public let database: FeatureDatabase
  /// The board every call posts to with `--shared-chat`; nil gives each call its own.
  private let sharedBoard: RouteChatBoard?
  private let clock: () -> UInt64

  /// `clock` gives monotonic nanoseconds (RecordRoute's elapsed time).
  public init(database: FeatureDatabase, sharedChat: Bool, clock: @escaping () -> UInt64) {
    self.database = database
    sharedBoard = sharedChat ? RouteChatBoard() : nil
    self.clock = clock
  }

  /// The logic for a call to `path`, or UNIMPLEMENTED for a method this service lacks.
  public func makeCall(path: String) throws(GRPCStatus) -> any RouteGuideCall {
    guard let method = RouteGuideMethod(path: path) else {
      throw GRPCStatus(.unimplemented, "unknown method \(path)")
    }
    switch method {
    case .getFeature: return GetFeatureCall(database: database)
    case .listFeatures: return ListFeaturesCall(database: database)
    case .recordRoute: return RecordRouteCall(database: database, clock: clock)
    case .routeChat: return RouteChatCall(board: sharedBoard ?? RouteChatBoard())
    }
  }
}
