import RouteGuideProtocol
import RouteGuideTransport

/// Sends each incoming call to the service that registered its `:path`.
///
/// The table is built once, at registration; a call costs one dictionary lookup and its
/// factory (the logic and one CallHandler), as when RouteGuide was the only service.
public final class ServiceRouter {
  private var factories: [String: () -> any CallLogic] = [:]
  /// The registered services, in registration order.
  public private(set) var services: [any GRPCService] = []

  public init() {}

  /// Routes every method of `service` to it. A path taken twice, or a method of another
  /// service, is a programming error.
  public func register(_ service: any GRPCService) {
    for handler in service.methodHandlers {
      let path = handler.method.path
      precondition(
        handler.method.service == service.serviceName,
        "\(path) is not a method of \(service.serviceName)")
      precondition(factories[path] == nil, "\(path) is registered twice")
      factories[path] = handler.makeCall
    }
    services.append(service)
  }

  /// The logic for a call to `path`, or UNIMPLEMENTED for a method no service has.
  public func makeCall(path: String) throws(GRPCStatus) -> any CallLogic {
    guard let make = factories[path] else {
      throw GRPCStatus(.unimplemented, "unknown method \(path)")
    }
    return make()
  }

  /// Takes a new stream from the server: sets its handler, or ends it with UNIMPLEMENTED
  /// when the path names no registered method.
  public func accept(_ call: ServerCall) {
    do {
      call.handler = CallHandler(try makeCall(path: call.path))
    } catch {
      call.finish(error)
    }
  }
}
