import Foundation
import TestSupport
import Testing

/// `rg health` against grpcio's own health service (grpcio-health-checking, driven by the
/// test) and against `rg serve`: Check, --wait and --watch, and their exit statuses.
@Suite(.timeLimit(.minutes(2))) struct HealthCommandTests {
  static func health(_ arguments: [String], timeout: Double = 30) throws -> SubprocessResult {
    try ClientRun.rg(["health", "--plaintext"] + arguments, timeout: timeout)
  }

  @Test func checkOfAServingServerIsZero() throws {
    let peer = try HealthServerPeer()
    let rg = try Self.health([peer.address])
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutLines == [HealthPeers.status("SERVING")])
    #expect(rg.stderrText.isEmpty)
  }

  @Test func notServingIsFourWithTheStatus() throws {
    let peer = try HealthServerPeer(["--command", "set routeguide.RouteGuide NOT_SERVING"])
    let rg = try Self.health(["--service", "routeguide.RouteGuide", peer.address])
    #expect(rg.status == 4, "\(rg.summary)")
    #expect(rg.stdoutLines == [HealthPeers.status("NOT_SERVING")])
    #expect(
      rg.stderrText == "rg: service 'routeguide.RouteGuide' is not serving: NOT_SERVING\n")
  }

  @Test func unknownStatusIsPrintedAndIsFour() throws {
    let peer = try HealthServerPeer(["--command", "set x UNKNOWN"])
    let rg = try Self.health(["--service", "x", peer.address])
    #expect(rg.status == 4, "\(rg.summary)")
    #expect(rg.stdoutLines == [HealthPeers.status("UNKNOWN")])
  }

  /// The protocol answers a Check of an unknown service with NOT_FOUND: the server is not
  /// serving that service, so it is 4 with SERVICE_UNKNOWN, not a gRPC error.
  @Test func unknownServiceIsServiceUnknownAndFour() throws {
    let peer = try HealthServerPeer()
    let rg = try Self.health(["--service", "nope", peer.address])
    #expect(rg.status == 4, "\(rg.summary)")
    #expect(rg.stdoutLines == [HealthPeers.status("SERVICE_UNKNOWN")])
    #expect(rg.stderrText.hasPrefix("rg: the server does not know service 'nope' (NOT_FOUND"))
  }

  @Test func aServerWithoutHealthIsUnimplementedWithAHint() throws {
    let server = try InteropServer()
    let rg = try Self.health([server.address])
    #expect(rg.status == 64 + 12, "\(rg.summary)")
    #expect(rg.stdout.isEmpty)
    #expect(rg.stderrText.hasPrefix("rg: UNIMPLEMENTED: "))
    #expect(rg.stderrText.hasSuffix("(the server has no grpc.health.v1.Health service)\n"))
  }

  /// An answer that is no HealthCheckResponse, with status OK, is a broken server: INTERNAL
  /// (exit 77), never a pass, and not worth waiting for.
  @Test(arguments: [[], ["--wait", "--timeout", "5s"]])
  func anUndecodableAnswerIsInternalNotServing(extra: [String]) throws {
    let peer = try FaultPeer("undecodable")
    let rg = try Self.health(extra + [peer.address])
    #expect(rg.status == 64 + 13, "\(rg.summary)")
    #expect(rg.stdout.isEmpty)
    #expect(rg.stderrText.hasPrefix("rg: INTERNAL: could not decode the response: "))
    #expect(rg.stderrText.split(separator: "\n").count == 1, "\(rg.stderrText)")
  }

  @Test func rgServeAnswersForItselfAndRouteGuide() throws {
    let server = try ServerProcess.rgServe()
    for service in ["", "routeguide.RouteGuide"] {
      let rg = try Self.health(["--service", service, server.address])
      #expect(rg.status == 0, "\(rg.summary)")
      #expect(rg.stdoutLines == [HealthPeers.status("SERVING")])
    }
  }

  /// --wait: refused while the peer is not listening, then NOT_SERVING, then SERVING. The
  /// test turns the peer SERVING only once rg has seen it NOT_SERVING, whatever the load.
  @Test func waitKeepsAskingUntilServing() async throws {
    let peer = try HealthServerPeer(["--start-delay", "2", "--command", #"set "" NOT_SERVING"#])
    let address = peer.address
    let (status, stdout, stderr) = try await onOwnThread {
      let child = try ChildProcess(
        RepoPaths.rgBinary, ["health", "--plaintext", "--wait", "-v", address],
        pipeStdin: false, pipeStdout: true, pipeStderr: true)
      var stderr: [UInt8] = []
      let deadline = Date().addingTimeInterval(20)
      while !String(decoding: stderr, as: UTF8.self).contains("NOT_SERVING; asking again"),
        Date() < deadline
      {
        var ready = pollfd(fd: child.stderrFD, events: Int16(POLLIN), revents: 0)
        if poll(&ready, 1, 100) == 1 && !child.readSome(child.stderrFD, into: &stderr) { break }
      }
      _ = try peer.command(#"set "" SERVING"#)
      let status = try child.wait(timeout: 10)
      var stdout: [UInt8] = []
      while child.readSome(child.stdoutFD, into: &stdout) {}
      while child.readSome(child.stderrFD, into: &stderr) {}
      return (
        status, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self)
      )
    }
    #expect(status == 0, "\(stderr)")
    #expect(stdout == HealthPeers.status("SERVING") + "\n")
    #expect(stderr.contains("failed: connection refused"), "\(stderr)")
    #expect(stderr.contains(": NOT_SERVING; asking again in "), "\(stderr)")
  }

  @Test func waitGivesUpAtTheTimeoutWithTheLastAnswer() async throws {
    let peer = try HealthServerPeer(["--command", #"set "" NOT_SERVING"#])
    let address = peer.address
    let (rg, seconds) = try await onOwnThread {
      try FaultRun.timedRG(["health", "--plaintext", "--wait", "--timeout", "1s", address])
    }
    #expect(rg.status == 4, "\(rg.summary)")
    #expect(rg.stdoutLines == [HealthPeers.status("NOT_SERVING")])
    #expect(seconds > 0.8 && seconds < 5, "\(seconds) s")
  }

  /// The backoff is cut short so the last attempt comes just before the deadline: a server that
  /// comes up after the backoff's last full step (3.15 s into a 4 s wait) is still found.
  @Test func aServerThatComesUpLateInTheWaitIsFound() async throws {
    let peer = try HealthServerPeer(["--start-delay", "3.7"])
    let address = peer.address
    let (rg, seconds) = try await onOwnThread {
      try FaultRun.timedRG(["health", "--plaintext", "--wait", "--timeout", "4s", address])
    }
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutLines == [HealthPeers.status("SERVING")])
    #expect(seconds < 6, "\(seconds) s")
  }

  @Test func waitForAServerThatNeverComesIsUnavailable() async throws {
    let port = try ClientExitCodeTests.unusedPort()
    let rg = try await onOwnThread {
      try Self.health(["--wait", "--timeout", "1s", "127.0.0.1:\(port)"])
    }
    #expect(rg.status == 78, "\(rg.summary)")
    #expect(rg.stderrText == "rg: UNAVAILABLE: connection refused by 127.0.0.1:\(port)\n")
  }

  /// --watch prints each change as it happens; rg serve's shutdown ends the stream with
  /// NOT_SERVING, which is 4.
  @Test func watchPrintsEveryChangeUntilTheServerEndsIt() async throws {
    let peer = try HealthServerPeer()
    let address = peer.address
    let lines = try await onOwnThread { () -> [String?] in
      let child = try ChildProcess(
        RepoPaths.rgBinary, ["health", "--plaintext", "--watch", "--service", "svc", address],
        pipeStdin: false, pipeStdout: true, pipeStderr: true)
      var lines = [try child.readLine(timeout: 10)]
      _ = try peer.command("set svc SERVING")
      lines.append(try child.readLine(timeout: 10))
      _ = try peer.command("set svc NOT_SERVING")
      lines.append(try child.readLine(timeout: 10))
      child.signal(SIGINT)
      lines.append("exit \(try child.wait(timeout: 5))")
      return lines
    }
    #expect(
      lines == [
        HealthPeers.status("SERVICE_UNKNOWN"), HealthPeers.status("SERVING"),
        HealthPeers.status("NOT_SERVING"), "exit 130",
      ])
  }

  @Test func watchOfRGServeEndsWithNotServingOnShutdown() async throws {
    let server = try SignalableServer([])
    let address = server.address
    let (lines, status) = try await onOwnThread { () -> ([String?], Int32) in
      let child = try ChildProcess(
        RepoPaths.rgBinary, ["health", "--plaintext", "--watch", address], pipeStdin: false,
        pipeStdout: true, pipeStderr: true)
      var lines = [try child.readLine(timeout: 10)]
      server.child.signal(SIGTERM)
      lines.append(try child.readLine(timeout: 10))
      return (lines, try child.wait(timeout: 10))
    }
    #expect(lines == [HealthPeers.status("SERVING"), HealthPeers.status("NOT_SERVING")])
    #expect(status == 4)
  }

  /// The CI pattern of Tests/Examples/ci-smoke.sh: the server in the background, then at once
  /// `rg health --wait` and a call. It must never fail (the first example of `rg --help`
  /// failed 2 runs in 5 without waiting).
  @Test func ciSmokeScriptNeverFails() async throws {
    let script = RepoPaths.root + "/Tests/Examples/ci-smoke.sh"
    let results = try await onOwnThread {
      try (0..<20).map { _ in try Subprocess.run("/bin/bash", [script, RepoPaths.rgBinary]) }
    }
    for result in results {
      #expect(result.status == 0, "\(result.summary)")
    }
  }
}
