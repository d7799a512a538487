import RouteGuideProtocol

/// A service the server routes calls to: its name and its methods as a table.
///
/// A service lists each method once, built from its descriptor; nothing else in the server
/// names its methods, so adding a service is registering it with a ServiceRouter.
public protocol GRPCService {
  /// The full service name, e.g. `routeguide.RouteGuide`.
  var serviceName: String { get }
  /// Every method of the service with the factory of its calls, in the .proto's order.
  var methodHandlers: [MethodHandler] { get }
}

extension GRPCService {
  /// The methods without their factories, e.g. for a listing of the server's services.
  public var methods: [MethodInfo] { methodHandlers.map(\.method) }
}
