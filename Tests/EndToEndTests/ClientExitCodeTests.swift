import Foundation
import TestSupport
import Testing

/// Every exit-status class of DESIGN §1, from the outside.
@Suite(.timeLimit(.minutes(2))) struct ClientExitCodeTests {
  @Test func successIsZero() throws {
    let server = try InteropServer()
    let rg = try ClientRun.rg(["get", "--plaintext", server.address], stdin: #"{"latitude":1}"#)
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stderrText == "")
  }

  @Test func closedStdinIsEmptyInputNotTheSocket() throws {
    let server = try InteropServer()
    let result = try Subprocess.bash(
      "'\(RepoPaths.rgBinary)' get --plaintext \(server.address) <&-", timeout: 10)
    #expect(result.status == 0, "\(result.summary)")
    #expect(result.stdoutText == "")
    #expect(server.events(timeout: 0.3).isEmpty)
  }

  @Test func unreadableInputFileIsOne() throws {
    let server = try InteropServer()
    let rg = try ClientRun.rg([
      "get", "--plaintext", "-d", "@/nonexistent/points.json", server.address,
    ])
    #expect(rg.status == 1, "\(rg.summary)")
    #expect(rg.stderrText.hasPrefix("rg: "))
    #expect(rg.stderrText.contains("/nonexistent/points.json"))
  }

  @Test func usageErrorIsTwo() throws {
    let rg = try ClientRun.rg(["get", "--no-such-flag", "localhost:1"])
    #expect(rg.status == 2, "\(rg.summary)")
    #expect(rg.stdoutText == "")
  }

  @Test func badInputIsThreeWithLineAndColumn() throws {
    let server = try InteropServer()
    let rg = try ClientRun.rg(
      ["get", "--plaintext", server.address], stdin: "{\"latitude\":1}\n{\"latitude\": x}\n")
    #expect(rg.status == 3, "\(rg.summary)")
    // The good value before the bad one still gets its answer.
    #expect(rg.stdoutText == #"{"location":{"latitude":1}}"# + "\n")
    #expect(rg.stderrText.hasPrefix("rg: stdin:2:"), "\(rg.stderrText)")
    #expect(rg.stderrText.split(separator: "\n").count == 1)
  }

  @Test func valueThatDoesNotFitIsThree() throws {
    let server = try InteropServer()
    let rg = try ClientRun.rg(
      ["get", "--plaintext", "-d", #"{"latitude":1.5}"#, server.address])
    #expect(rg.status == 3, "\(rg.summary)")
    #expect(rg.stderrText.hasPrefix("rg: -d:1:"), "\(rg.stderrText)")
  }

  @Test func listWithTwoRectanglesIsThree() throws {
    let server = try InteropServer()
    let rg = try ClientRun.rg(["list", "--plaintext", server.address], stdin: "{} {}")
    #expect(rg.status == 3, "\(rg.summary)")
    #expect(rg.stderrText.contains("exactly one Rectangle"), "\(rg.stderrText)")
  }

  @Test func listWithoutARectangleIsThree() throws {
    let server = try InteropServer()
    let rg = try ClientRun.rg(["list", "--plaintext", server.address], stdin: " \n")
    #expect(rg.status == 3, "\(rg.summary)")
    #expect(rg.stderrText.contains("Rectangle"), "\(rg.stderrText)")
    #expect(server.events(timeout: 0.3).isEmpty, "no call for no input")
  }

  @Test func serverStatusIsSixtyFourPlusCode() throws {
    let server = try InteropServer()
    let rg = try ClientRun.rg(
      ["get", "--plaintext", "-H", "x-fail: NOT_FOUND: no feature here", server.address],
      stdin: #"{"latitude":1}"#)
    #expect(rg.status == 69, "\(rg.summary)")
    #expect(rg.stderrText == "rg: stdin:1: NOT_FOUND: no feature here\n")
    #expect(rg.stdoutText == "")
  }

  @Test func getPrintsTheAnswersBeforeTheFirstFailureInInputOrder() throws {
    let server = try InteropServer()
    let stdin = (1...10).map { #"{"latitude":\#($0)}"# }.joined(separator: "\n")
    let rg = try ClientRun.rg(
      [
        "get", "--plaintext", "-H", "x-fail: PERMISSION_DENIED: not point 5", "-H",
        "x-fail-at-latitude: 5", server.address,
      ], stdin: stdin)
    #expect(rg.status == 64 + 7, "\(rg.summary)")
    #expect(rg.stdoutLines == (1...4).map { #"{"location":{"latitude":\#($0)}}"# })
    #expect(rg.stderrText == "rg: stdin:5: PERMISSION_DENIED: not point 5\n")
  }

  @Test func getStalledCallTimesOutWhileOthersAnswer() throws {
    let server = try InteropServer()
    let stdin = (1...3).map { #"{"latitude":\#($0)}"# }.joined(separator: "\n")
    let rg = try ClientRun.rg(
      [
        "get", "--plaintext", "--timeout", "500ms", "-H", "x-stall: 1", "-H",
        "x-fail-at-latitude: 2", server.address,
      ], stdin: stdin, timeout: 10)
    #expect(rg.status == 68, "\(rg.summary)")
    #expect(rg.stdoutLines == [#"{"location":{"latitude":1}}"#])
    #expect(rg.stderrText.hasPrefix("rg: stdin:2: DEADLINE_EXCEEDED"))
  }

  @Test func statusAfterStreamedAnswersKeepsTheAnswers() throws {
    let server = try InteropServer()
    let rg = try ClientRun.rg(
      [
        "list", "--plaintext", "-H", "x-fail: RESOURCE_EXHAUSTED: enough", "-H", "x-fail-after: 3",
        server.address,
      ], stdin: ClientInteropTests.newJersey)
    #expect(rg.status == 64 + 8, "\(rg.summary)")
    #expect(rg.stdoutLines.count == 3)
    #expect(rg.stderrText == "rg: stdin:1: RESOURCE_EXHAUSTED: enough\n")
  }

  @Test func timeoutOnAStalledCallIsDeadlineExceeded() throws {
    let server = try InteropServer()
    let started = Date()
    let rg = try ClientRun.rg(
      ["get", "--plaintext", "--timeout", "300ms", "-H", "x-stall: 1", server.address],
      stdin: #"{"latitude":1}"#, timeout: 10)
    let elapsed = Date().timeIntervalSince(started)
    #expect(rg.status == 68, "\(rg.summary)")
    #expect(rg.stderrText.hasPrefix("rg: stdin:1: DEADLINE_EXCEEDED"), "\(rg.stderrText)")
    #expect(elapsed < 3, "took \(elapsed) s")
    #expect(server.events().first?.end == "cancelled")
  }

  @Test func timeoutEndsAChatWhileStdinIsIdle() throws {
    let server = try InteropServer()
    let child = try ChildProcess(
      RepoPaths.rgBinary, ["chat", "--plaintext", "--timeout", "300ms", "-v", server.address],
      pipeStdin: true, pipeStdout: true, pipeStderr: true)
    #expect(try child.wait(timeout: 5) == 68)
    var stderr: [UInt8] = []
    while child.readSome(child.stderrFD, into: &stderr) {}
    let text = String(decoding: stderr, as: UTF8.self)
    #expect(text.contains("> grpc-timeout: "), "\(text)")
    // rg's own deadline, or the server's when both expire together on a loaded machine.
    #expect(text.hasSuffix("\n") && text.contains("rg: stdin: DEADLINE_EXCEEDED: "), "\(text)")
  }

  @Test func connectionRefusedIsUnavailableNamingThePeer() throws {
    // A port that was free a moment ago: bind, read the port, close.
    let port = try Self.unusedPort()
    let rg = try ClientRun.rg(
      ["get", "--plaintext", "127.0.0.1:\(port)"], stdin: #"{"latitude":1}"#, timeout: 10)
    #expect(rg.status == 78, "\(rg.summary)")
    #expect(rg.stderrText.hasPrefix("rg: UNAVAILABLE: "), "\(rg.stderrText)")
    #expect(rg.stderrText.contains("127.0.0.1:\(port)"))
  }

  @Test func responseAboveTheReceiveLimitIsResourceExhausted() throws {
    let server = try InteropServer()
    let rg = try ClientRun.rg(
      ["get", "--plaintext", "--max-msg-size", "1K", "-H", "x-pad: 5000", server.address],
      stdin: #"{"latitude":1}"#)
    #expect(rg.status == 64 + 8, "\(rg.summary)")
    #expect(rg.stderrText.hasPrefix("rg: stdin:1: RESOURCE_EXHAUSTED"), "\(rg.stderrText)")
  }

  @Test func sigintCancelsOpenStreamsAndExits130() throws {
    let server = try InteropServer()
    let child = try ChildProcess(
      RepoPaths.rgBinary, ["chat", "--plaintext", server.address], pipeStdin: true,
      pipeStdout: true, pipeStderr: true)
    // An answer proves the call is open and rg's loop (with its SIGINT watch) is running.
    try child.write(#"{"message":"hello"}"# + "\n" + #"{"message":"again"}"# + "\n")
    #expect(try child.readLine(timeout: 10) == #"{"message":"hello"}"#)
    child.signal(SIGINT)
    let status = try child.wait(timeout: 5)
    #expect(status == 130)
    #expect(server.events().first?.end == "cancelled")
  }

  @Test func sigintDuringRecordCancelsTheStreamAndExits130() throws {
    let server = try InteropServer()
    let child = try ChildProcess(
      RepoPaths.rgBinary, ["record", "-v", "--plaintext", server.address], pipeStdin: true,
      pipeStdout: true, pipeStderr: true)
    try child.write(#"{"latitude":1,"longitude":2}"# + "\n" + #"{"latitude":3}"# + "\n")
    // record answers only at the end, so -v's request headers show that the call is open; the
    // pause lets them reach the server before the interrupt.
    var stderr: [UInt8] = []
    let deadline = Date().addingTimeInterval(10)
    while !String(decoding: stderr, as: UTF8.self).contains("> content-type"), Date() < deadline {
      var ready = pollfd(fd: child.stderrFD, events: Int16(POLLIN), revents: 0)
      if poll(&ready, 1, 100) == 1 && !child.readSome(child.stderrFD, into: &stderr) { break }
    }
    usleep(300_000)
    child.signal(SIGINT)
    #expect(try child.wait(timeout: 5) == 130, "\(String(decoding: stderr, as: UTF8.self))")
    let event = server.events().first
    #expect(event?.end == "cancelled", "the server must not see a completed route")
  }

  static func unusedPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
        bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
      }
    }
    guard bound else { throw SubprocessError("could not find a free port") }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}
