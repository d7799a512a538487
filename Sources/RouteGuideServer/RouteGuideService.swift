import RouteGuideProtocol

/// The RouteGuide service: makes the logic for each incoming call by its `:path`.
public final class RouteGuideService {
  public let database: FeatureDatabase
  /// The board every call posts to with `--shared-chat`; nil gives each call its own.
  private let sharedBoard: RouteChatBoard?
  private let clock: () -> UInt64
  private let handlers: [String: () -> any RouteGuideCall]

  /// `clock` gives monotonic nanoseconds (RecordRoute's elapsed time).
  public init(database: FeatureDatabase, sharedChat: Bool, clock: @escaping () -> UInt64) {
    self.database = database
    sharedBoard = sharedChat ? RouteChatBoard() : nil
    self.clock = clock
    handlers = Self.handlers(database: database, sharedBoard: sharedBoard, clock: clock)
  }

  /// The logic for a call to `path`, or UNIMPLEMENTED for a method this service lacks.
  public func makeCall(path: String) throws(GRPCStatus) -> any RouteGuideCall {
    guard let make = handlers[path] else {
      throw GRPCStatus(.unimplemented, "unknown method \(path)")
    }
    return make()
  }

  /// Each method's logic, by path.
  private static func handlers(
    database: FeatureDatabase, sharedBoard: RouteChatBoard?, clock: @escaping () -> UInt64
  ) -> [String: () -> any RouteGuideCall] {
    [
      RouteGuide.getFeature.path: { [database] in GetFeatureCall(database: database) },
      RouteGuide.listFeatures.path: { [database] in ListFeaturesCall(database: database) },
      RouteGuide.recordRoute.path: { [database, clock] in
        RecordRouteCall(database: database, clock: clock)
      },
      RouteGuide.routeChat.path: { [sharedBoard] in
        RouteChatCall(board: sharedBoard ?? RouteChatBoard())
      },
    ]
  }
}
