import Foundation
import TestSupport
import Testing

/// The scripted grpcio health server (Tests/Interop/health_server.py) that `rg health` is
/// tested against: it starts, answers grpcio's client, and follows its stdin.
@Suite(.serialized, .timeLimit(.minutes(2))) struct HealthPeerTests {
  func check(_ peer: HealthServerPeer, _ service: String) throws -> [String] {
    try HealthPeers.client(peer.address, ["check", service, "--timeout", "10"]).stdoutLines
  }

  @Test func answersChecksAndFollowsItsStdin() throws {
    let peer = try HealthServerPeer()
    #expect(try check(peer, "") == [HealthPeers.status("SERVING"), HealthPeers.endOK])
    #expect(try check(peer, "routeguide.RouteGuide").first?.contains("NOT_FOUND") == true)
    #expect(
      try peer.command("set routeguide.RouteGuide NOT_SERVING")
        == "ok set routeguide.RouteGuide NOT_SERVING")
    #expect(
      try check(peer, "routeguide.RouteGuide") == [
        HealthPeers.status("NOT_SERVING"), HealthPeers.endOK,
      ])
    #expect(try peer.command(#"set "" NOT_SERVING"#) == #"ok set "" NOT_SERVING"#)
    #expect(try check(peer, "") == [HealthPeers.status("NOT_SERVING"), HealthPeers.endOK])
    #expect(try peer.command("clear routeguide.RouteGuide") == "ok clear routeguide.RouteGuide")
    #expect(try check(peer, "routeguide.RouteGuide").first?.contains("NOT_FOUND") == true)
    #expect(try peer.command("set x NOPE") == "error: unknown status: NOPE")
  }

  @Test func servesRouteGuideToo() throws {
    let peer = try HealthServerPeer()
    let get = try ServePeers.python(
      "get", peer.address, stdin: try ServePeers.example("point.json"))
    #expect(get.status == 0, "\(get.serveSummary)")
    #expect(get.stdoutText.contains(#""name":"Berkshire Valley Management Area Trail"#))
  }

  @Test func startDelayRefusesConnectionsThenListens() throws {
    let peer = try HealthServerPeer(["--start-delay", "4"])
    let early = try HealthPeers.client(peer.address, ["check", "", "--timeout", "1"])
    #expect(early.status == 64 + 14, "\(early.serveSummary)")
    try peer.waitUntilListening()
    #expect(try check(peer, "") == [HealthPeers.status("SERVING"), HealthPeers.endOK])
  }

  @Test func commandsGivenOnTheCommandLineApplyBeforeItListens() throws {
    let peer = try HealthServerPeer(["--command", #"set "" NOT_SERVING"#])
    #expect(try check(peer, "") == [HealthPeers.status("NOT_SERVING"), HealthPeers.endOK])
  }
}
