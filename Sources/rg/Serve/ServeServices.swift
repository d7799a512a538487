import RouteGuideProtocol
import RouteGuideServer
import RouteGuideTransport

/// The services `rg serve` answers on one event loop, and the router that sends each call to
/// its service. Each loop has its own; what they share is made once (ServeServices.Shared).
struct ServeServices {
  /// What every loop's services share: read-only features and reflection index, and the one
  /// chat board of `--shared-chat` (which locks).
  struct Shared: Sendable {
    let database: FeatureDatabase
    let chatBoard: RouteChatBoard?
    let reflection = ReflectionIndex.builtin()

    init(database: FeatureDatabase, options: ServeOptions) {
      self.database = database
      chatBoard = options.sharedChat ? RouteChatBoard(shared: true) : nil
    }
  }

  let router = ServiceRouter()
  let health = HealthService()

  init(_ shared: Shared) {
    // One line per service: the router takes every method the service declares.
    router.register(
      RouteGuideService(
        database: shared.database, sharedBoard: shared.chatBoard, clock: EventLoop.now))
    router.register(health)
    ReflectionService.register(with: router, index: shared.reflection)
    // The whole server ("") and every service it routes are serving until shutdown.
    for name in [""] + router.services.map(\.serviceName) {
      health.setStatus(.serving, for: name)
    }
  }

  /// Shutdown begins: health says NOT_SERVING everywhere and ends its watches, before the
  /// server's GOAWAY.
  func beginShutdown() {
    health.enterShutdown()
  }

  /// This loop's part of a ServerGroup.
  var loopServices: ServerGroup.LoopServices {
    ServerGroup.LoopServices(acceptCall: router.accept, beginShutdown: beginShutdown)
  }
}
