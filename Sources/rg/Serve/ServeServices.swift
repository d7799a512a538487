import RouteGuideProtocol
import RouteGuideServer
import RouteGuideTransport

/// The services `rg serve` answers, and the router that sends each call to its service.
struct ServeServices {
  let router = ServiceRouter()
  let health = HealthService()

  init(database: FeatureDatabase, options: ServeOptions) {
    // One line per service: the router takes every method the service declares.
    router.register(
      RouteGuideService(database: database, sharedChat: options.sharedChat, clock: EventLoop.now))
    router.register(health)
    ReflectionService.register(with: router, index: ReflectionIndex.builtin())
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
}
