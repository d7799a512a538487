import Foundation
import TestSupport
import Testing

/// Every address a name resolves to is tried, Happy Eyeballs style (issue 15). The name is
/// `dual.test`, which resolves to ::1 and then 127.0.0.1 in a mount namespace with an
/// /etc/hosts of the test's own (unshare -m, then a bind mount): the machine's file is not
/// touched and no resolver hook is needed, rg's getaddrinfo answers as on a real host. The
/// server listens on 127.0.0.1 only; ::1 either refuses or, with its accept queue full, drops
/// the SYN as a dead route does.
@Suite(.timeLimit(.minutes(2))) struct AddressResolutionTests {
  static let hosts = "127.0.0.1 localhost\n::1 dual.test\n127.0.0.1 dual.test\n"
  static let point = #"{"latitude":409146138,"longitude":-746188906}"#

  static func rg(_ arguments: [String]) async throws -> (SubprocessResult, Double) {
    let directory = try TemporaryDirectory()
    let (program, namespaced) = try NetworkFixtures.command(
      RepoPaths.rgBinary, ["get", "--plaintext", "-d", point] + arguments, hosts: hosts,
      in: directory)
    return try await onOwnThread {
      let start = Date()
      let result = try Subprocess.run(program, namespaced, timeout: 30)
      return (result, Date().timeIntervalSince(start))
    }
  }

  /// Before the race, rg waited on ::1 for the whole --connect-timeout and failed.
  @Test func aDeadFirstAddressCostsAStaggerNotTheTimeout() async throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let dead = try LoopbackListener(host: "::1", port: server.port, backlog: 0)
    try dead.makeUnresponsive(host: "::1")
    let (result, seconds) = try await Self.rg([
      "-v", "--connect-timeout", "8s", "dual.test:\(server.port)",
    ])
    #expect(result.status == 0, "\(result.summary)")
    #expect(result.stdoutText.contains("Berkshire Valley"))
    #expect(
      result.stderrText.contains(
        "* connected to dual.test:\(server.port) (127.0.0.1:\(server.port))"),
      "\(result.stderrText)")
    #expect(seconds < 6, "took \(seconds) s: rg waited for the dead address")
  }

  @Test func aRefusingFirstAddressIsSkipped() async throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let (result, _) = try await Self.rg(["-v", "dual.test:\(server.port)"])
    #expect(result.status == 0, "\(result.summary)")
    #expect(result.stderrText.contains("(127.0.0.1:\(server.port))"), "\(result.stderrText)")
  }

  /// All addresses dead: one --connect-timeout for the whole race, not one per address.
  @Test func deadAddressesShareOneConnectTimeout() async throws {
    let v4 = try LoopbackListener(host: "127.0.0.1", backlog: 0)
    try v4.makeUnresponsive(host: "127.0.0.1")
    let v6 = try LoopbackListener(host: "::1", port: v4.port, backlog: 0)
    try v6.makeUnresponsive(host: "::1")
    let (result, seconds) = try await Self.rg(["--connect-timeout", "2s", "dual.test:\(v4.port)"])
    #expect(result.status == 78, "\(result.summary)")
    #expect(
      result.stderrText
        == "rg: UNAVAILABLE: connect to dual.test:\(v4.port) timed out after 2s\n")
    #expect(seconds < 3.5, "took \(seconds) s")
  }

  @Test func everyAddressRefusingNamesTheLast() async throws {
    let port = try NetworkFixtures.unusedPort()
    let (result, _) = try await Self.rg(["dual.test:\(port)"])
    #expect(result.status == 78, "\(result.summary)")
    #expect(
      result.stderrText
        == "rg: UNAVAILABLE: connection refused by dual.test:\(port) at 127.0.0.1:\(port)\n")
  }
}
