import RouteGuideProtocol

@testable import RouteGuideTransport

/// A small RouteGuide server on HTTP2ServerConnection, for a grpcio client to talk to.
///
/// GetFeature names the point, ListFeatures streams `listCount` features, RecordRoute counts,
/// RouteChat echoes each note.
final class TestRouteGuideServer {
  let listener: Listener
  let loop: EventLoop
  var connections: [HTTP2ServerConnection] = []
  var listCount = 1000

  init(loop: EventLoop) throws {
    self.loop = loop
    listener = try Listener(address: .tcp(host: "127.0.0.1", port: 0))
    loop.watch(listener.fd, for: .readable) { [unowned self] _ in acceptAll() }
  }

  var port: UInt16 {
    if case .tcp(_, let port) = listener.localAddress { return port }
    return 0
  }

  private func acceptAll() {
    while let stream = try? listener.accept() {
      guard
        let connection = try? HTTP2ServerConnection(
          stream: stream, loop: loop, maxConcurrentStreams: 100, maxReceiveMessageSize: 4 << 20,
          acceptCall: { [unowned self] call in call.handler = Handler(server: self, call: call) })
      else { continue }
      connections.append(connection)
    }
  }

  final class Handler: ServerCallHandler {
    let method: String
    let listCount: Int
    var points = 0

    init(server: TestRouteGuideServer, call: ServerCall) {
      method = call.path
      listCount = server.listCount
    }

    func callDidReceiveMessage(_ call: ServerCall, _ payload: [UInt8]) {
      switch method {
      case RouteGuide.getFeature.path:
        let point = (try? Point(protobuf: payload)) ?? Point()
        call.send(Feature(name: "at \(point.latitude),\(point.longitude)", location: point))
      case RouteGuide.listFeatures.path:
        for index in 0..<listCount {
          call.send(Feature(name: "feature \(index)", location: Point(latitude: Int32(index))))
        }
      case RouteGuide.recordRoute.path:
        points += 1
      case RouteGuide.routeChat.path:
        call.send((try? RouteNote(protobuf: payload)) ?? RouteNote())
      default:
        call.finish(GRPCStatus(.unimplemented, "unknown method \(call.path)"))
      }
    }

    func callDidFinishReceiving(_ call: ServerCall) {
      if method == RouteGuide.recordRoute.path {
        call.send(RouteSummary(pointCount: Int32(points)))
      }
      call.finish(.ok)
    }

    func callWasCancelled(_ call: ServerCall) {}
    func callCanSendMore(_ call: ServerCall) {}
  }
}
