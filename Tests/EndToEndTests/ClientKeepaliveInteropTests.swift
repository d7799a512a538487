import Foundation
import TestSupport
import Testing

/// rg's client keepalive against the servers' ping policies (issue 15): the grpcio server
/// with its defaults ends a connection that pings too often (2 strikes, 5 minutes between
/// pings without data), one configured to allow it keeps the chat; rg serve's GOAWAY
/// ENHANCE_YOUR_CALM 'too_many_pings' is reported as such, not as a plain close.
@Suite(.timeLimit(.minutes(2))) struct ClientKeepaliveInteropTests {
  /// `rg chat` whose stdin stays open (a chat that waits) for `seconds`, then ends.
  static func quietChat(_ address: String, _ keepalive: [String], seconds: Int) async throws
    -> (status: Int32, stderr: String, elapsed: Double)
  {
    try await onOwnThread {
      let start = Date()
      let arguments = (["chat", "--plaintext"] + keepalive + [address]).joined(separator: " ")
      // Process substitution: bash execs rg, and nobody waits for the sleep.
      let result = try Subprocess.bash(
        #"exec "$RG" \#(arguments) < <(sleep \#(seconds) 2>/dev/null)"#,
        environment: ProcessInfo.processInfo.environment.merging(["RG": RepoPaths.rgBinary]) {
          _, new in new
        }, timeout: Double(seconds) + 20)
      return (result.status, result.stderrText, Date().timeIntervalSince(start))
    }
  }

  @Test func grpcioServerDefaultsRefuseAPingEveryHalfSecond() async throws {
    let server = try InteropServer()
    let run = try await Self.quietChat(
      server.address, ["--keepalive", "500ms", "--keepalive-timeout", "1s"], seconds: 20)
    #expect(run.status == 78, "\(run.stderr)")
    #expect(run.stderr.hasPrefix("rg: stdin: UNAVAILABLE: "), "\(run.stderr)")
    #expect(run.stderr.lowercased().contains("too many pings"), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1)
  }

  @Test func grpcioServerThatAllowsThePingsKeepsTheChat() async throws {
    let server = try InteropServer([
      "--option", "grpc.http2.min_ping_interval_without_data_ms=400",
      "--option", "grpc.keepalive_permit_without_calls=1",
    ])
    let run = try await Self.quietChat(
      server.address, ["--keepalive", "500ms", "--keepalive-timeout", "1s"], seconds: 5)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.elapsed >= 4.5, "the chat ended early: \(run.stderr)")
  }

  /// Before, rg said only `connection closed by 127.0.0.1:PORT`.
  @Test func rgServesGoAwayTooManyPingsIsNamed() async throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let run = try await Self.quietChat(
      server.address, ["--keepalive", "500ms", "--keepalive-timeout", "1s"], seconds: 20)
    #expect(run.status == 78, "\(run.stderr)")
    #expect(
      run.stderr
        == "rg: stdin: UNAVAILABLE: \(server.address) ended the connection with GOAWAY "
        + "ENHANCE_YOUR_CALM 'too_many_pings' (the server allows fewer keepalive PINGs than "
        + "were sent)\n")
  }
}
