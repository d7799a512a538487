import Foundation
import TestSupport
import Testing

/// Issue 11: the ways a peer ends a call or a connection while rg is inside nghttp2 (a GOAWAY
/// in the same read as an answer, a server shutting down under load, a stream refused for
/// its headers or its size, an abort while rg still sends). Each must end rg cleanly: no
/// exclusivity trap or other crash, the answers that arrived printed, one `rg:` line.
@Suite(.timeLimit(.minutes(3))) struct TransportReentryTests {
  init() {
    // rg may exit before it read all its input: writing the rest must fail, not kill the tests.
    signal(SIGPIPE, SIG_IGN)
  }

  static let feature = #"{"name":"f","location":{"latitude":1,"longitude":2}}"#

  /// A graceful shutdown that covers the first call, in the same write as its answer: the
  /// answer is printed; the second call either fails UNAVAILABLE or runs on a new connection
  /// (the peer serves every connection the same way, so then both answers print, exit 0).
  @Test func goAwayWithTheAnswerEndsCleanly() throws {
    let peer = try FaultPeer("answer-goaway")
    func connections(_ events: [PeerEvent]) -> Int {
      events.filter { $0.event == "connection" }.count
    }
    for _ in 1...3 {
      let before = connections(peer.events(timeout: 0))
      let rg = try ClientRun.rg(
        ["get", "--plaintext", "-d", #"{"latitude":1} {"latitude":2}"#, peer.address],
        timeout: 20)
      #expect(CrashSignature.problems(rg) == [], "\(rg.summary)")
      #expect(rg.stdoutLines.first == Self.feature, "\(rg.summary)")
      if rg.status == 0 {
        #expect(rg.stdoutLines == [Self.feature, Self.feature], "\(rg.summary)")
        let after = connections(peer.events { connections($0) >= before + 2 })
        #expect(after >= before + 2, "exit 0 without a second connection: \(rg.summary)")
      } else {
        #expect((65...80).contains(rg.status), "\(rg.summary)")
        #expect(rg.stdoutLines.count == 1, "\(rg.summary)")
      }
    }
  }

  /// `rg serve` shuts down (SIGTERM) while one rg sends it 100,000 GetFeature calls: rg
  /// reports the lost server once (or finishes), whatever the moment; the server exits 0.
  @Test func serverShutdownUnderManyCallsEndsCleanly() throws {
    let directory = try TemporaryDirectory()
    let input = directory.path + "/points.ndjson"
    try String(repeating: #"{"latitude":1,"longitude":2}"# + "\n", count: 100_000)
      .write(toFile: input, atomically: true, encoding: .utf8)
    for run in 1...5 {
      let (rg, serverStatus) = try Self.getWhileServerStops(input, directory.path + "/\(run)")
      #expect(CrashSignature.problems(rg) == [], "run \(run): \(rg.summary)")
      #expect(rg.status == 0 || rg.status == 78, "run \(run): \(rg.summary)")
      #expect(Set(rg.stdoutLines).isSubset(of: [#"{"location":{"latitude":1,"longitude":2}}"#]))
      #expect(rg.stdoutLines.count < 100_000, "run \(run): the server stopped too late to test")
      #expect(serverStatus == 0, "run \(run): rg serve exited \(serverStatus)")
    }
  }

  /// Starts `rg serve` and `rg get < input`, and SIGTERMs the server once answers flow.
  static func getWhileServerStops(_ input: String, _ prefix: String) throws
    -> (SubprocessResult, Int32)
  {
    let server = try SignalableServer()
    let client = try ChildProcess(
      "/bin/bash",
      [
        "-c", #"exec "$0" get --plaintext "$1" < "$2""#, RepoPaths.rgBinary,
        server.address, input,
      ],
      pipeStdin: false, pipeStdout: false, pipeStderr: false, stdoutPath: prefix + ".out",
      stderrPath: prefix + ".err")
    let deadline = Date().addingTimeInterval(20)
    // Some hundreds of answers: the connection is busy in both directions.
    while Self.size(of: prefix + ".out") < 20_000 && Date() < deadline { usleep(10_000) }
    server.child.signal(SIGTERM)
    let status = try client.wait(timeout: 60)
    let serverStatus = try server.child.wait(timeout: 20)
    let stdout = (try? Data(contentsOf: URL(fileURLWithPath: prefix + ".out"))) ?? Data()
    let stderr = (try? Data(contentsOf: URL(fileURLWithPath: prefix + ".err"))) ?? Data()
    return (
      SubprocessResult(status: status, stdout: [UInt8](stdout), stderr: [UInt8](stderr)),
      serverStatus
    )
  }

  static func size(of path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
  }

  /// 100,000 characters of metadata: rg sends it or the server refuses it, with one line.
  @Test func hugeHeaderEndsCleanly() throws {
    let server = try ServerProcess.rgServe()
    let header = "x-a: " + String(repeating: "a", count: 100_000)
    let rg = try ClientRun.rg(
      ["get", "--plaintext", "-d", "{}", "-H", header, server.address], timeout: 20)
    #expect(CrashSignature.problems(rg) == [], "\(rg.summary)")
    if rg.status == 0 { #expect(rg.stdoutLines.count == 1, "\(rg.summary)") }
  }

  /// The server aborts RecordRoute after 10 points while rg still has thousands to send: rg
  /// ends with the server's status and message.
  @Test func serverAbortWhileSendingEndsWithItsStatus() throws {
    let server = try InteropServer()
    let points = String(repeating: #"{"latitude":1,"longitude":2}"# + "\n", count: 200_000)
    let rg = try ClientRun.rg(
      [
        "record", "--plaintext", "-H", "x-fail: RESOURCE_EXHAUSTED:route too long", "-H",
        "x-fail-after: 10", server.address,
      ], stdin: points, timeout: 30)
    #expect(CrashSignature.problems(rg) == [], "\(rg.summary)")
    #expect(rg.status == 64 + 8, "\(rg.summary)")
    #expect(rg.stderrText == "rg: stdin: RESOURCE_EXHAUSTED: route too long\n")
    let event = server.events().first
    #expect(event?.code == "RESOURCE_EXHAUSTED", "\(String(describing: event))")
    #expect((event?.received ?? .max) < 200_000, "the server took the whole route before")
  }

  /// A 5 MB note to `rg serve`, whose receive limit is 4 MiB: RESOURCE_EXHAUSTED, one line.
  @Test func oversizedChatNoteEndsWithResourceExhausted() throws {
    let server = try ServerProcess.rgServe()
    let note =
      #"{"location":{"latitude":1,"longitude":1},"message":""#
      + String(repeating: "m", count: 5_000_000) + "\"}\n"
    let rg = try ClientRun.rg(["chat", "--plaintext", server.address], stdin: note, timeout: 30)
    #expect(CrashSignature.problems(rg) == [], "\(rg.summary)")
    #expect(rg.status == 64 + 8, "\(rg.summary)")
    #expect(rg.stderrText.hasPrefix("rg: stdin: RESOURCE_EXHAUSTED: "), "\(rg.summary)")
    #expect(rg.stdoutText.isEmpty, "\(rg.summary)")
  }
}
