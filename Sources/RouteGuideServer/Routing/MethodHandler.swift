import RouteGuideProtocol

/// One method of a service as data: its descriptor's path and shape, and the factory of the
/// logic of each call to it.
public struct MethodHandler {
  public let method: MethodInfo
  /// Makes the logic of one call; runs once per call, so it only allocates that call's logic.
  public let makeCall: () -> any CallLogic

  /// The path comes from the descriptor, so a table of handlers cannot misspell one.
  public init<Request, Response>(
    _ descriptor: MethodDescriptor<Request, Response>,
    makeCall: @escaping () -> any CallLogic
  ) {
    method = descriptor.info
    self.makeCall = makeCall
  }
}
