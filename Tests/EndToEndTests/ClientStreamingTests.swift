import Foundation
import TestSupport
import Testing

/// Streaming behaviour seen from outside: full duplex, cancellation, closed pipes, memory.
@Suite(.timeLimit(.minutes(3))) struct ClientStreamingTests {
  static let everything =
    #"{"lo":{"latitude":-900000000,"longitude":-1800000000},"hi":{"latitude":900000000,"longitude":1800000000}}"#

  @Test func chatAnswersArriveWhileStdinIsStillOpen() throws {
    let server = try InteropServer()
    let child = try ChildProcess(
      RepoPaths.rgBinary, ["chat", "--plaintext", server.address], pipeStdin: true,
      pipeStdout: true, pipeStderr: false)
    try child.write(#"{"location":{"latitude":5,"longitude":6},"message":"first"}"# + "\n")
    try child.write(#"{"location":{"latitude":5,"longitude":6},"message":"second"}"# + "\n")
    // The answer to the second note is the first note, and it must come with stdin open.
    let answer = try child.readLine(timeout: 5)
    #expect(answer == #"{"location":{"latitude":5,"longitude":6},"message":"first"}"#)
    try child.write(#"{"location":{"latitude":5,"longitude":6},"message":"third"}"# + "\n")
    #expect(try child.readLine(timeout: 5)?.contains("first") == true)
    #expect(try child.readLine(timeout: 5)?.contains("second") == true)
    child.closeStdin()
    #expect(try child.readLine(timeout: 5) == nil)
    #expect(try child.wait(timeout: 5) == 0)
    let event = server.events().first
    #expect(event?.end == "ok")
    #expect(event?.received == 3)
  }

  @Test func recordWithBadInputCancelsInsteadOfHalfClosing() throws {
    let server = try InteropServer()
    let stdin = "{\"latitude\":1}\n{\"latitude\":2}\n{\"latitude\":3,\n \"longitude\": tru}\n"
    let rg = try ClientRun.rg(["record", "--plaintext", server.address], stdin: stdin)
    #expect(rg.status == 3, "\(rg.summary)")
    #expect(rg.stdoutText == "")
    #expect(rg.stderrText.hasPrefix("rg: stdin:4:"), "\(rg.stderrText)")
    // The reset may reach the server before the call did: then it sees nothing at all.
    let events = server.events(timeout: 1)
    #expect(events.count <= 1)
    #expect(events.allSatisfy { $0.end == "cancelled" }, "the server must not see a whole route")
  }

  @Test func recordBadInputAfterPointsWereSentCancelsTheStream() throws {
    let server = try InteropServer()
    let child = try ChildProcess(
      RepoPaths.rgBinary, ["record", "--plaintext", server.address], pipeStdin: true,
      pipeStdout: true, pipeStderr: true)
    try child.write("{\"latitude\":1}\n{\"latitude\":2}\n")
    usleep(1_000_000)  // the points are on the wire and the server is waiting for more
    try child.write("{\"latitude\":\"x\"}\n")
    child.closeStdin()
    #expect(try child.wait(timeout: 10) == 3)
    let event = server.events().first
    #expect(event?.end == "cancelled")
    #expect(event?.received == 2)
  }

  @Test func chatWithBadInputCancels() throws {
    let server = try InteropServer()
    let rg = try ClientRun.rg(
      ["chat", "--plaintext", server.address], stdin: #"{"message":"hi"} {"messages":"typo"}"#)
    #expect(rg.status == 3, "\(rg.summary)")
    #expect(rg.stderrText.hasPrefix("rg: stdin:1:"), "\(rg.stderrText)")
    #expect(server.events(timeout: 1).allSatisfy { $0.end == "cancelled" })
  }

  @Test func chatEndsWhenTheServerEndsTheCallWhileStdinIsOpen() throws {
    let server = try InteropServer()
    let child = try ChildProcess(
      RepoPaths.rgBinary,
      [
        "chat", "--plaintext", "-H", "x-fail: ABORTED: that will do", "-H", "x-fail-after: 2",
        server.address,
      ], pipeStdin: true, pipeStdout: true, pipeStderr: true)
    try child.write(#"{"message":"one"}"# + "\n" + #"{"message":"two"}"# + "\n")
    #expect(try child.wait(timeout: 10) == 64 + 10)
    var stderr: [UInt8] = []
    while child.readSome(child.stderrFD, into: &stderr) {}
    #expect(String(decoding: stderr, as: UTF8.self) == "rg: stdin: ABORTED: that will do\n")
  }

  @Test func recordStopsAtAServerErrorMidStream() throws {
    let server = try InteropServer()
    let stdin = (0..<2000).map { #"{"latitude":\#($0)}"# }.joined(separator: "\n")
    let rg = try ClientRun.rg(
      [
        "record", "--plaintext", "-H", "x-fail: FAILED_PRECONDITION: no more", "-H",
        "x-fail-after: 3", server.address,
      ], stdin: stdin)
    #expect(rg.status == 64 + 9, "\(rg.summary)")
    #expect(rg.stdoutText == "")
    #expect(rg.stderrText == "rg: stdin: FAILED_PRECONDITION: no more\n")
  }

  @Test func lostConnectionIsUnavailable() throws {
    let server = try InteropServer()
    let child = try ChildProcess(
      RepoPaths.rgBinary, ["chat", "--plaintext", server.address], pipeStdin: true,
      pipeStdout: true, pipeStderr: true)
    try child.write(#"{"message":"anyone there?"}"# + "\n")
    usleep(300_000)
    try server.process.terminate(SIGKILL)
    #expect(try child.wait(timeout: 10) == 64 + 14)
    var stderr: [UInt8] = []
    while child.readSome(child.stderrFD, into: &stderr) {}
    #expect(String(decoding: stderr, as: UTF8.self).hasPrefix("rg: stdin: UNAVAILABLE: "))
  }

  @Test func closedStdoutIsAQuietSuccess() throws {
    let server = try InteropServer(["--generate", "100000"])
    let script = """
      set -o pipefail
      printf '%s' '\(Self.everything)' | '\(RepoPaths.rgBinary)' list --plaintext \(server.address) | head -1
      """
    let result = try Subprocess.bash(script, timeout: 30)
    #expect(result.status == 0, "\(result.summary)")
    #expect(result.stderrText == "")
    #expect(result.stdoutLines == [#"{"name":"generated feature 0","location":{}}"#])
    #expect(server.events().first?.end == "cancelled")
  }

  /// `rg chat <notes> | head -1` with `count` notes at one place, stdin held open for a minute
  /// afterwards so the call can only end by rg cancelling it; prints rg's exit status last.
  static func chatIntoHead(_ server: InteropServer, notes count: Int) throws -> SubprocessResult {
    let script = """
      note='{"location":{"latitude":1,"longitude":1},"message":"again"}'
      exec 3< <(exec 2>/dev/null; for ((i = 0; i < \(count); i++)); do printf '%s\\n' "$note"; done; exec sleep 60)
      feeder=$!
      '\(RepoPaths.rgBinary)' chat --plaintext \(server.address) <&3 | head -1
      status=${PIPESTATUS[0]}
      kill "$feeder"
      echo "rg exit $status"
      """
    return try Subprocess.bash(script, timeout: 30)
  }

  @Test func chatWithClosedStdoutCancelsTheOpenStream() throws {
    let server = try InteropServer()
    // Two notes get one answer; then the call idles with stdin open, writing nothing that
    // could fail with EPIPE, so rg must notice head leaving by itself.
    let started = Date()
    let result = try Self.chatIntoHead(server, notes: 2)
    #expect(Date().timeIntervalSince(started) < 10, "rg waited for stdin to end")
    #expect(result.stderrText == "")
    #expect(
      result.stdoutLines == [
        #"{"location":{"latitude":1,"longitude":1},"message":"again"}"#, "rg exit 0",
      ], "\(result.summary)")
    let event = server.events().first
    #expect(event?.end == "cancelled", "the server must not see a half-closed, completed chat")
  }

  @Test func chatWithClosedStdoutWhileAnswersPourInIsAQuietSuccess() throws {
    let server = try InteropServer()
    // 200 notes at one place draw ~20000 answers: rg is writing when head leaves.
    let result = try Self.chatIntoHead(server, notes: 200)
    #expect(result.stderrText == "")
    #expect(result.stdoutLines.last == "rg exit 0", "\(result.summary)")
    #expect(result.stdoutLines.count == 2)
    #expect(server.events().first?.end == "cancelled")
  }

  @Test func bigListStreamsWithBoundedMemory() throws {
    let server = try InteropServer(["--generate", "100000"])
    // The reader waits 2 s before reading, then drains: rg must stall, not buffer ~100 MB.
    let script = """
      import os, subprocess, sys, time
      child = subprocess.Popen(sys.argv[2:], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
      child.stdin.write(sys.argv[1].encode()); child.stdin.close()
      time.sleep(2)
      lines = 0
      while chunk := child.stdout.read(1 << 16):
          lines += chunk.count(b"\\n")
      _, status, usage = os.wait4(child.pid, 0)
      print(lines, os.waitstatus_to_exitcode(status), usage.ru_maxrss)
      """
    let result = try Subprocess.python(
      [
        "-c", script, Self.everything, RepoPaths.rgBinary, "list", "--plaintext", "-H",
        "x-pad: 1000", server.address,
      ], timeout: 120)
    let fields = result.stdoutText.split(separator: " ").compactMap {
      Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    #expect(fields.count == 3, "\(result.summary)")
    guard fields.count == 3 else { return }
    #expect(fields[0] == 100_000)
    #expect(fields[1] == 0)
    // ru_maxrss is in KiB; the output was over 100 MB.
    #expect(!TestedBinary.hasMemoryBounds || fields[2] < 40 * 1024, "peak RSS \(fields[2]) KiB")
  }

  @Test func recordStreamsManyPoints() throws {
    let server = try InteropServer()
    let stdin = (0..<20_000).map { #"{"latitude":\#($0),"longitude":\#($0)}"# }.joined(
      separator: "\n")
    let rg = try ClientRun.rg(["record", "--plaintext", server.address], stdin: stdin, timeout: 60)
    let python = try ClientRun.python("record", server.address, stdin: stdin, timeout: 60)
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutText.contains(#""pointCount":20000"#))
    // Elapsed seconds may differ between two runs; everything else must not.
    #expect(Self.withoutElapsedTime(rg.stdoutText) == Self.withoutElapsedTime(python.stdoutText))
  }

  static func withoutElapsedTime(_ line: String) -> String {
    line.replacingOccurrences(
      of: #","elapsedTime":[0-9]+"#, with: "", options: .regularExpression)
  }
}
