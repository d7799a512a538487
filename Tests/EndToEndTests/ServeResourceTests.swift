import Foundation
import TestSupport
import Testing

/// What clients can make `rg serve` hold (issue 11): memory under an HPACK amplification
/// attack and after connection floods, and descriptors held by idle connections. The server's
/// RSS is read from /proc: its peak must stay under `peakBoundKiB`, and once the clients are
/// gone it must fall back within twice its idle baseline (a debug build idles at about 14 MiB).
@Suite(.serialized, .timeLimit(.minutes(5))) struct ServeResourceTests {
  static let peakBoundKiB = 64 << 10
  /// How long an honest `rg get` may take while the server is under attack.
  static let honestSeconds = 1.0
  /// How long the RSS may take to settle after the attack ends.
  static let settleSeconds = 5.0

  static func expectServedQuickly(
    _ address: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let (rg, seconds) = try FaultRun.timedRG(
      ["get", "--plaintext", "--connect-timeout", "5s", address],
      stdin: #"{"latitude":409146138,"longitude":-746188906}"#)
    #expect(rg.status == 0, "\(rg.summary)", sourceLocation: sourceLocation)
    #expect(rg.stdoutText.contains("Berkshire Valley"), sourceLocation: sourceLocation)
    #expect(
      seconds < honestSeconds, "answered after \(seconds) s", sourceLocation: sourceLocation)
  }

  /// The RSS in KiB once the server has answered a call and settled.
  static func idleBaseline(_ server: SignalableServer) throws -> Int {
    try expectServedQuickly(server.address)
    usleep(500_000)
    return FaultRun.memory(of: server.child.pid).rss
  }

  /// Waits until the RSS is within twice `baseline`, at most `settleSeconds`; returns it.
  static func settledRSS(_ server: SignalableServer, baseline: Int) -> Int {
    let deadline = Date().addingTimeInterval(settleSeconds)
    var rss = FaultRun.memory(of: server.child.pid).rss
    while rss > 2 * baseline && Date() < deadline {
      usleep(100_000)
      rss = FaultRun.memory(of: server.child.pid).rss
    }
    return rss
  }

  /// 5 connections × 100 streams, each header block ~250 bytes that refer to one 4 KB HPACK
  /// entry 241 times: 128 KB sent would decode to 480 MB of headers. Every block is refused
  /// (RESOURCE_EXHAUSTED) without its fields being kept.
  @Test func hpackAmplificationIsBounded() throws {
    let server = try SignalableServer()
    let baseline = try Self.idleBaseline(server)
    let bomb = try ServeAbuseTests.startAbuse(server, "hpack-bomb", ["5", "100", "241", "4"])
    #expect(try bomb.readLine(timeout: 30)?.hasPrefix("sent ") == true)
    try Self.expectServedQuickly(server.address)
    let answers = try bomb.readLine(timeout: 30) ?? ""
    #expect(answers.hasPrefix("answers: grpc-status 8 x 500;"), "\(answers)")
    _ = try bomb.wait(timeout: 10)
    try Self.expectServedQuickly(server.address)
    let peak = FaultRun.memory(of: server.child.pid).peak
    #expect(
      !TestedBinary.hasMemoryBounds || (peak > 0 && peak < Self.peakBoundKiB),
      "peak RSS \(peak) KiB")
    let settled = Self.settledRSS(server, baseline: baseline)
    #expect(
      !TestedBinary.hasMemoryBounds || settled <= 2 * baseline,
      "RSS \(settled) KiB, idle baseline \(baseline) KiB")
  }

  /// 100 idle connections against a server with 64 descriptors: new connections close the
  /// ones idle the longest, so an honest client still gets in.
  @Test func idleConnectionsCannotLockOutAClient() throws {
    let closeInherited =
      "for fd in $(ls /proc/$$/fd); do [ $fd -gt 2 ] && eval \"exec $fd>&-\" 2>/dev/null; done"
    let server = try ServerProcess(
      "/bin/bash",
      ["-c", "\(closeInherited); ulimit -n 64 && exec '\(RepoPaths.rgBinary)' serve --port 0"])
    defer { server.stop() }
    try Subprocess.requirePython()
    let idle = try ChildProcess(
      RepoPaths.python,
      [RepoPaths.interop + "/abuse_client.py", "idle", server.address, "100", "4"],
      environment: Subprocess.pythonEnvironment(), pipeStdin: false, pipeStdout: true,
      pipeStderr: false)
    defer { idle.signal(SIGKILL) }
    #expect(try idle.readLine(timeout: 30) == "open 100")
    usleep(500_000)
    try Self.expectServedQuickly(server.address)
    let endings = try idle.readLine(timeout: 30) ?? ""
    #expect(endings.contains("goaway 0 max_connections then closed"), "\(endings)")
  }

  /// Three h2load floods of 500 connections: the heap they used is given back each time.
  @Test func memoryGoesBackAfterConnectionFloods() throws {
    let h2load = "/usr/bin/h2load"
    guard FileManager.default.isExecutableFile(atPath: h2load) else {
      throw SubprocessError("\(h2load) is missing: `make deps` installs nghttp2-client")
    }
    let directory = try TemporaryDirectory()
    // GetFeature(latitude 409146138, longitude -746188906), framed.
    let point: [UInt8] = [
      0, 0, 0, 0, 17, 0x08, 0x9a, 0xa6, 0x8c, 0xc3, 0x01, 0x10, 0x96, 0x9f, 0x98, 0x9c, 0xfd,
      0xff, 0xff, 0xff, 0xff, 0x01,
    ]
    let pointFile = directory.path + "/point.bin"
    try Data(point).write(to: URL(fileURLWithPath: pointFile))
    let server = try SignalableServer()
    let baseline = try Self.idleBaseline(server)
    for round in 1...3 {
      let flood = try Subprocess.run(
        h2load,
        [
          "-n", "5000", "-c", "500", "-m", "4", "-d", pointFile,
          "-H", "content-type: application/grpc", "-H", "te: trailers",
          "http://\(server.address)/routeguide.RouteGuide/GetFeature",
        ], timeout: 120)
      #expect(flood.stdoutText.contains("5000 succeeded"), "\(flood.summary)")
      let settled = Self.settledRSS(server, baseline: baseline)
      #expect(
        !TestedBinary.hasMemoryBounds || settled <= 2 * baseline,
        "round \(round): RSS \(settled) KiB, idle \(baseline) KiB")
    }
    try Self.expectServedQuickly(server.address)
  }
}
