import Foundation
import TestSupport
import Testing

/// `rg serve`'s grpc.health.v1.Health against grpcio's health client, and the router that
/// puts it beside RouteGuide.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ServeHealthTests {
  @Test func checkOfTheServerAndOfRouteGuideIsServing() throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    for service in ["", "routeguide.RouteGuide"] {
      let result = try HealthPeers.client(server.address, ["check", service])
      #expect(result.status == 0, "\(service): \(result.serveSummary)")
      #expect(result.stdoutLines == [HealthPeers.status("SERVING"), HealthPeers.endOK])
    }
  }

  @Test func checkOfAnUnknownServiceIsNotFound() throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let result = try HealthPeers.client(server.address, ["check", "nope"])
    #expect(result.status == 64 + 5, "\(result.serveSummary)")
    #expect(result.stdoutLines == [#"{"end":"NOT_FOUND","message":"unknown service nope"}"#])
  }

  @Test func watchSeesServingThenNotServingWhenTheServerStops() throws {
    let server = try SignalableServer()
    let watcher = try HealthPeers.watcher(server.address, "")
    defer { watcher.signal(SIGKILL) }
    #expect(try watcher.readLine(timeout: 15) == HealthPeers.status("SERVING"))
    let start = Date()
    server.child.signal(SIGTERM)
    #expect(try watcher.readLine(timeout: 10) == HealthPeers.status("NOT_SERVING"))
    // The watch ends OK at once instead of holding the shutdown until it is cut...
    #expect(try watcher.readLine(timeout: 10) == HealthPeers.endOK)
    #expect(try watcher.readLine(timeout: 10) == nil)
    #expect(try watcher.wait(timeout: 10) == 0)
    // ...so the server exits well before its 5 s grace period ends.
    #expect(try server.child.wait(timeout: 15) == 0)
    #expect(Date().timeIntervalSince(start) < 5)
  }

  @Test func watchOfAnUnknownServiceSeesServiceUnknownAndKeepsWatching() throws {
    let server = try SignalableServer()
    let watcher = try HealthPeers.watcher(server.address, "nope")
    defer { watcher.signal(SIGKILL) }
    #expect(try watcher.readLine(timeout: 15) == HealthPeers.status("SERVICE_UNKNOWN"))
    // Still open: nothing more comes until the server stops.
    #expect(throws: SubprocessError.self) { try watcher.readLine(timeout: 1) }
    server.child.signal(SIGTERM)
    #expect(try watcher.readLine(timeout: 10) == HealthPeers.endOK)
    #expect(try watcher.wait(timeout: 10) == 0)
    #expect(try server.child.wait(timeout: 15) == 0)
  }

  @Test func watcherThatWentAwayIsForgottenAndTheOthersStillHear() throws {
    let server = try SignalableServer()
    let gone = try HealthPeers.watcher(server.address, "")
    #expect(try gone.readLine(timeout: 15) == HealthPeers.status("SERVING"))
    gone.signal(SIGKILL)
    _ = try gone.wait(timeout: 10)
    let watcher = try HealthPeers.watcher(server.address, "routeguide.RouteGuide")
    defer { watcher.signal(SIGKILL) }
    #expect(try watcher.readLine(timeout: 15) == HealthPeers.status("SERVING"))
    server.child.signal(SIGTERM)
    #expect(try watcher.readLine(timeout: 10) == HealthPeers.status("NOT_SERVING"))
    #expect(try watcher.readLine(timeout: 10) == HealthPeers.endOK)
    #expect(try server.child.wait(timeout: 15) == 0)
  }

  @Test func healthAndRouteGuideShareOneServer() throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let get = try ServePeers.python(
      "get", server.address, stdin: try ServePeers.example("point.json"))
    #expect(get.status == 0, "\(get.serveSummary)")
    #expect(get.stdoutText.contains(#""name":"Berkshire Valley Management Area Trail"#))
    let check = try HealthPeers.client(server.address, ["check", "grpc.health.v1.Health"])
    #expect(check.stdoutLines == [HealthPeers.status("SERVING"), HealthPeers.endOK])
  }

  @Test func unknownMethodsOfKnownAndUnknownServicesAreUnimplemented() throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let code = """
      import sys, grpc
      channel = grpc.insecure_channel(sys.argv[1])
      for path in ("/grpc.health.v1.Health/Nope", "/x/Y"):
          try:
              channel.unary_unary(path)(b"", timeout=10)
              print("OK")
          except grpc.RpcError as error:
              print(error.code().name, error.details())
      """
    let result = try ServePeers.pythonSnippet(code, [server.address])
    #expect(
      result.stdoutLines == [
        "UNIMPLEMENTED unknown method /grpc.health.v1.Health/Nope",
        "UNIMPLEMENTED unknown method /x/Y",
      ], "\(result.serveSummary)")
  }
}
