import Foundation
import TestSupport
import Testing

/// `rg serve`'s keepalive enforcement and idle timeout (issue 15), against the grpcio client's
/// keepalive and scripted HTTP/2 peers: a client that pings more often than the server permits
/// gets GOAWAY ENHANCE_YOUR_CALM `too_many_pings`, as from a gRPC server; one that pings within
/// the policy, or has a call open, is left alone; a connection without calls is closed after
/// --max-connection-idle with GOAWAY.
@Suite(.timeLimit(.minutes(2))) struct ServeKeepaliveTests {
  /// A RouteChat that sends nothing for SECONDS on a channel that pings every KEEPALIVE_MS,
  /// with or without calls and data; prints how the call ended.
  static let chatWithKeepalive = """
    import sys, threading, time
    import grpc
    import route_guide_pb2_grpc
    address, keepalive_ms, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    options = [("grpc.keepalive_time_ms", keepalive_ms), ("grpc.keepalive_timeout_ms", 10000),
               ("grpc.keepalive_permit_without_calls", 1), ("grpc.http2.max_pings_without_data", 0)]
    channel = grpc.insecure_channel(address, options=options)
    stub = route_guide_pb2_grpc.RouteGuideStub(channel)
    def notes():
        threading.Event().wait(seconds)
        return
        yield
    start = time.time()
    try:
        for _ in stub.RouteChat(notes()):
            pass
        print(f"OK after {round(time.time() - start)} s")
    except grpc.RpcError as error:
        print(f"{error.code().name} after {round(time.time() - start)} s: {error.details()}")
    """

  /// A ping every second against the default five minutes: the fourth one is too many.
  @Test func grpcioPingingTooOftenGetsTooManyPings() throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let result = try ServePeers.pythonSnippet(
      Self.chatWithKeepalive, [server.address, "1000", "20"], timeout: 60)
    #expect(result.stdoutText.hasPrefix("UNAVAILABLE"), "\(result.serveSummary)")
    #expect(result.stdoutText.contains("too_many_pings"), "\(result.serveSummary)")
    // grpc-core says so too, and throttles its keepalive.
    #expect(result.stderrText.contains("ENHANCE_YOUR_CALM"), "\(result.serveSummary)")
  }

  /// The same client pinging every 1.5 s against --min-ping-interval 1s: left alone, and its
  /// open call keeps the connection from the (1 s) idle timeout too.
  @Test func grpcioPingingWithinThePolicyIsLeftAlone() throws {
    let server = try ServerProcess.rgServe([
      "--min-ping-interval", "1s", "--max-connection-idle", "1s",
    ])
    defer { server.stop() }
    let result = try ServePeers.pythonSnippet(
      Self.chatWithKeepalive, [server.address, "1500", "6"], timeout: 60)
    #expect(result.stdoutText == "OK after 6 s\n", "\(result.serveSummary)")
  }

  /// PINGs 100 ms apart, each answered: the fourth gets the GOAWAY, with its debug data.
  @Test func rawPingFloodGetsEnhanceYourCalm() throws {
    let server = try SignalableServer()
    let result = try ServeAbuseTests.abuse(server, "pings", ["10", "100"])
    #expect(result.stdoutText == "goaway 11 too_many_pings after 4 pings\n", "\(result.summary)")
    try ServeAbuseTests.expectServed(server)
  }

  /// Connections without calls: GOAWAY NO_ERROR `max_idle` after --max-connection-idle, then
  /// the server closes them.
  @Test func idleConnectionsAreClosedWithGoAway() throws {
    let server = try SignalableServer(["--max-connection-idle", "1s"])
    let result = try ServeAbuseTests.abuse(server, "idle", ["3", "8"])
    let lines = result.stdoutLines
    #expect(lines.first == "open 3", "\(result.summary)")
    let ending = lines.dropFirst().first ?? ""
    #expect(ending.hasPrefix("goaway 0 max_idle then closed after "), "\(result.summary)")
    #expect(ending.hasSuffix(" x 3") && !ending.contains("open"), "\(result.summary)")
  }
}
