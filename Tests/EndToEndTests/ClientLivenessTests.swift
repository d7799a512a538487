import Foundation
import TestSupport
import Testing

/// Nothing hangs (DESIGN §1): without --timeout, a silent server is probed with PING and given
/// up with UNAVAILABLE when nothing at all comes back; a quiet server that answers the PING is
/// alive and is never cut; a server that allows no streams is not waited for forever.
@Suite(.timeLimit(.minutes(2))) struct ClientLivenessTests {
  @Test func silentPeerEndsWithUnavailable() async throws {
    // SETTINGS, then it never reads again: no answer, no PING ACK.
    let peer = try FaultPeer("stop-reading")
    let address = peer.address
    let (rg, seconds) = try await onOwnThread {
      try FaultRun.timedRG(
        ["get", "--plaintext", "--keepalive", "500ms", "--keepalive-timeout", "1s", address],
        stdin: #"{"latitude":1}"#, timeout: 20)
    }
    #expect(rg.status == 78, "\(rg.summary)")
    #expect(
      rg.stderrText.hasPrefix("rg: stdin:1: UNAVAILABLE: no answer from "), "\(rg.stderrText)")
    #expect(rg.stderrText.contains("keepalive PING went unanswered for 1s"), "\(rg.stderrText)")
    #expect(rg.stderrText.split(separator: "\n").count == 1)
    #expect(seconds < 10, "gave up after \(seconds) s")
  }

  /// The default: the first PING after 10 s of silence, given up 20 s later.
  @Test func defaultKeepaliveEndsASilentPeer() async throws {
    let peer = try FaultPeer("stop-reading")
    let address = peer.address
    let (rg, seconds) = try await onOwnThread {
      try FaultRun.timedRG(
        ["record", "--plaintext", address], stdin: #"{"latitude":1}"#, timeout: 90)
    }
    #expect(rg.status == 78, "\(rg.summary)")
    #expect(rg.stderrText.contains("keepalive PING went unanswered for 20s"), "\(rg.stderrText)")
    #expect(seconds > 25 && seconds < 60, "gave up after \(seconds) s")
  }

  @Test func quietButAliveServerIsNotCut() async throws {
    // Reads everything, answers PINGs, never answers the call.
    let peer = try FaultPeer("never-answer")
    let address = peer.address
    let (running, status) = try await onOwnThread {
      let child = try ChildProcess(
        RepoPaths.rgBinary,
        ["chat", "--plaintext", "--keepalive", "200ms", "--keepalive-timeout", "1s", address],
        pipeStdin: true, pipeStdout: true, pipeStderr: true)
      try child.write(#"{"message":"anyone there?"}"# + "\n")
      usleep(3_500_000)
      var status: Int32 = 0
      let running = waitpid(child.pid, &status, WNOHANG) == 0
      child.signal(SIGINT)
      return (running, try child.wait(timeout: 5))
    }
    #expect(running, "rg ended a chat with a live server")
    #expect(status == 130)
  }

  /// An answered PING starts the next silence: with --keepalive 200ms the PINGs keep coming
  /// every 200 ms of silence, not once per keepalive timeout (5 s here).
  @Test func pingsFollowTheIntervalWhileTheyAreAnswered() async throws {
    let peer = try FaultPeer("never-answer")
    let address = peer.address
    try await onOwnThread {
      let child = try ChildProcess(
        RepoPaths.rgBinary,
        ["chat", "--plaintext", "--keepalive", "200ms", "--keepalive-timeout", "5s", address],
        pipeStdin: true, pipeStdout: true, pipeStderr: true)
      try child.write(#"{"message":"anyone there?"}"# + "\n")
      usleep(2_500_000)
      child.signal(SIGINT)
      _ = try child.wait(timeout: 5)
    }
    let pings = peer.events().filter { $0.event == "ping" }.count
    // About 12 in 2.5 s; one if each waited for the timeout.
    #expect(pings >= 6, "\(pings) PINGs in 2.5 s")
  }

  /// Output nobody reads for a while (a pager left alone): rg stops reading the socket, so a
  /// PING's answer waits unread there. That is rg waiting for its reader, not a dead server:
  /// the run goes on when the reader comes back.
  @Test func aStalledReaderIsNotADeadServer() async throws {
    let directory = try TemporaryDirectory()
    let server = try ServerProcess.rgServe(["--db", try ServeAbuseTests.bigDatabase(in: directory)])
    defer { server.stop() }
    let address = server.address
    let lines = try await onOwnThread {
      let child = try ChildProcess(
        RepoPaths.rgBinary,
        [
          "list", "--plaintext", "--keepalive", "500ms", "--keepalive-timeout", "1s", "-d",
          #"{"lo":{"latitude":0,"longitude":0},"hi":{"latitude":30000,"longitude":2}}"#, address,
        ], pipeStdin: false, pipeStdout: true, pipeStderr: true)
      // Several keepalive timeouts with the output unread.
      usleep(4_000_000)
      var count = 0
      while try child.readLine(timeout: 30) != nil { count += 1 }
      #expect(try child.wait(timeout: 10) == 0)
      return count
    }
    #expect(lines == 20_000)
  }

  @Test func serverAllowingNoStreamsIsNotWaitedForForever() async throws {
    let peer = try FaultPeer("max-streams:0")
    let address = peer.address
    let (rg, seconds) = try await onOwnThread {
      try FaultRun.timedRG(
        ["get", "--plaintext", "--keepalive-timeout", "1s", address],
        stdin: #"{"latitude":1}"#, timeout: 20)
    }
    #expect(rg.status == 78, "\(rg.summary)")
    #expect(rg.stderrText.contains("allows no streams (SETTINGS_MAX_CONCURRENT_STREAMS 0)"))
    #expect(seconds < 10, "gave up after \(seconds) s")
  }
}
