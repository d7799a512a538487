import Foundation
import TestSupport
import Testing

/// `--wait-for-ready` (gRPC's wait-for-ready): a client started before its server waits for
/// it, within --timeout (20 s without), instead of failing at once with connection refused.
@Suite(.timeLimit(.minutes(5))) struct WaitForReadyTests {
  static let point = #"{"latitude":409146138,"longitude":-746188906}"#

  /// The help's example, `rg serve & … | rg get --wait-for-ready`, with the server starting
  /// a second after the client.
  @Test(arguments: ["get", "list", "record", "chat"])
  func aClientStartedBeforeItsServerWaitsForIt(subcommand: String) async throws {
    let port = try ClientExitCodeTests.unusedPort()
    let input = ["list": "{}", "chat": #"{"message":"hi"}"#][subcommand] ?? Self.point
    let (rg, server) = try await onOwnThread {
      let child = try ChildProcess(
        RepoPaths.rgBinary,
        [subcommand, "--wait-for-ready", "-v", "-d", input, "http://127.0.0.1:\(port)"],
        pipeStdin: false, pipeStdout: true, pipeStderr: true)
      usleep(1_000_000)
      let server = try ServerProcess(RepoPaths.rgBinary, ["serve", "--port", "\(port)"])
      let result = try child.communicate(stdin: [], timeout: 20)
      return (result, server)
    }
    defer { server.stop() }
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stderrText.contains("failed: connection refused"), "\(rg.stderrText)")
    #expect(rg.stderrText.contains("trying again in"))
  }

  @Test func withoutItARefusedConnectionFailsAtOnce() throws {
    let port = try ClientExitCodeTests.unusedPort()
    let (rg, seconds) = try FaultRun.timedRG(
      ["get", "-d", Self.point, "http://127.0.0.1:\(port)"])
    #expect(rg.status == 78)
    #expect(seconds < 2)
  }

  @Test func theWaitEndsAtTheTimeoutWithTheLastReason() async throws {
    let port = try ClientExitCodeTests.unusedPort()
    let (rg, seconds) = try await onOwnThread {
      try FaultRun.timedRG(
        [
          "get", "--wait-for-ready", "--timeout", "1s", "-d", Self.point,
          "http://127.0.0.1:\(port)",
        ])
    }
    #expect(rg.status == 78, "\(rg.summary)")
    #expect(rg.stderrText == "rg: UNAVAILABLE: connection refused by 127.0.0.1:\(port)\n")
    #expect(seconds > 0.8 && seconds < 3, "\(seconds) s")
  }
}
