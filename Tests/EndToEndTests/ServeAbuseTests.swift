import Foundation
import TestSupport
import Testing

/// `rg serve` under abuse (Tests/Interop/abuse_client.py): it stays up, answers a well-behaved
/// client within `answerSeconds` while the abuse goes on, its peak RSS stays under
/// `peakBoundKiB`, and connections that went away leave no file descriptor behind.
@Suite(.timeLimit(.minutes(3))) struct ServeAbuseTests {
  static let answerSeconds = 2.0
  /// `rg serve` idles at about 14 MiB (debug build).
  static let peakBoundKiB = 64 << 10

  /// `rg serve` with its pid at hand (for /proc), on `database` if given.
  static func server(database: String? = nil) throws -> SignalableServer {
    try SignalableServer(database.map { ["--db", $0] } ?? [])
  }

  static func abuse(_ server: SignalableServer, _ mode: String, _ arguments: [String]) throws
    -> SubprocessResult
  {
    try Subprocess.python(
      [RepoPaths.interop + "/abuse_client.py", mode, server.address] + arguments, timeout: 90)
  }

  static func startAbuse(_ server: SignalableServer, _ mode: String, _ arguments: [String])
    throws -> ChildProcess
  {
    try Subprocess.requirePython()
    return try ChildProcess(
      RepoPaths.python, [RepoPaths.interop + "/abuse_client.py", mode, server.address] + arguments,
      environment: Subprocess.pythonEnvironment(), pipeStdin: false, pipeStdout: true,
      pipeStderr: false)
  }

  /// A normal `rg get` gets its answer, in time.
  static func expectServed(
    _ server: SignalableServer, sourceLocation: SourceLocation = #_sourceLocation
  )
    throws
  {
    let (rg, seconds) = try FaultRun.timedRG(
      ["get", "--plaintext", server.address],
      stdin: #"{"latitude":409146138,"longitude":-746188906}"#)
    #expect(rg.status == 0, "\(rg.summary)", sourceLocation: sourceLocation)
    #expect(
      rg.stdoutText.contains("Berkshire Valley") || rg.stdoutText.contains("location"),
      sourceLocation: sourceLocation)
    #expect(seconds < answerSeconds, "answered after \(seconds) s", sourceLocation: sourceLocation)
  }

  static func expectBoundedMemory(
    _ server: SignalableServer, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let memory = FaultRun.memory(of: server.child.pid)
    #expect(
      !TestedBinary.hasMemoryBounds || (memory.peak > 0 && memory.peak < peakBoundKiB),
      "peak RSS \(memory.peak) KiB", sourceLocation: sourceLocation)
  }

  static func openDescriptors(_ server: SignalableServer) -> Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(server.child.pid)/fd").count)
      ?? -1
  }

  @Test func thousandsOfConnectionsOpenedAndDropped() throws {
    let server = try Self.server()
    let baseline = Self.openDescriptors(server)
    let churn = try Self.startAbuse(server, "churn", ["3000"])
    try Self.expectServed(server)
    #expect(try churn.readLine(timeout: 60) == "churned 3000")
    try Self.expectServed(server)
    Self.expectBoundedMemory(server)
    // Every dropped connection is closed on the server's side too.
    let deadline = Date().addingTimeInterval(5)
    while Self.openDescriptors(server) > baseline + 2 && Date() < deadline { usleep(50_000) }
    #expect(Self.openDescriptors(server) <= baseline + 2, "fds: \(baseline) before")
  }

  /// Clients that ask for megabytes and never read: the server buffers a bounded amount per
  /// stream and lets TCP flow control hold the rest.
  @Test func clientsThatNeverRead() throws {
    let directory = try TemporaryDirectory()
    let server = try Self.server(database: try Self.bigDatabase(in: directory))
    let greedy = try (0..<4).map { _ in try Self.startAbuse(server, "never-read", ["50"]) }
    for client in greedy { #expect(try client.readLine(timeout: 30) == "sent") }
    usleep(1_000_000)  // let the server fill what it will
    try Self.expectServed(server)
    Self.expectBoundedMemory(server)
  }

  /// A header block over the limits: one field above HPACK's limit, or hundreds of big fields.
  @Test(arguments: [("big-headers", "1000000"), ("many-headers", "300")])
  func headerBlockOverTheLimit(_ mode: String, _ size: String) throws {
    let server = try Self.server()
    let result = try Self.abuse(server, mode, [size])
    #expect(result.status == 0, "\(result.summary)")
    // Refused: a GOAWAY, a reset, or the connection closed — never served.
    let refusals = ["goaway ", "reset ", "closed", "connection error "]
    #expect(refusals.contains { result.stdoutText.hasPrefix($0) }, "\(result.stdoutText)")
    try Self.expectServed(server)
    Self.expectBoundedMemory(server)
  }

  /// Streams opened and reset as fast as possible (the "rapid reset" attack): the server ends
  /// that connection with GOAWAY ENHANCE_YOUR_CALM, as gRPC servers do (nghttp2's own limit,
  /// higher, would say INTERNAL_ERROR); others are not disturbed.
  @Test func floodOfResetStreams() throws {
    let server = try Self.server()
    let flood = try Self.abuse(server, "rst-flood", ["20000"])
    #expect(flood.stdoutText.hasPrefix("goaway 11 too_many_resets"), "\(flood.summary)")
    try Self.expectServed(server)
    Self.expectBoundedMemory(server)
  }

  /// Hundreds of connections that send their preface a byte at a time.
  @Test func slowlorisClients() throws {
    let server = try Self.server()
    let slow = try Self.startAbuse(server, "slowloris", ["300", "4"])
    #expect(try slow.readLine(timeout: 30) == "open 300")
    usleep(1_000_000)
    try Self.expectServed(server)
    Self.expectBoundedMemory(server)
    #expect(try slow.readLine(timeout: 30) != nil)
    try Self.expectServed(server)
  }

  /// More slowloris clients than the server has descriptors: the ones that never finish their
  /// preface are dropped after the handshake timeout (10 s), so a client waiting behind them in
  /// the accept queue is served then, not only when the attackers give up (after 30 s).
  /// --max-connections above the descriptors turns off the other defence (closing the longest
  /// idle connection, ServeResourceTests), so this one is what is tested.
  @Test func slowlorisClientsBeyondTheDescriptorLimit() throws {
    // Descriptors the test runner leaks into children would eat into the 40.
    let closeInherited =
      "for fd in $(ls /proc/$$/fd); do [ $fd -gt 2 ] && eval \"exec $fd>&-\" 2>/dev/null; done"
    let serve = "'\(RepoPaths.rgBinary)' serve --port 0 --max-connections 1000"
    let server = try ServerProcess(
      "/bin/bash", ["-c", "\(closeInherited); ulimit -n 40 && exec \(serve)"])
    try Subprocess.requirePython()
    let slow = try ChildProcess(
      RepoPaths.python,
      [RepoPaths.interop + "/abuse_client.py", "slowloris", server.address, "45", "30"],
      environment: Subprocess.pythonEnvironment(), pipeStdin: false, pipeStdout: true,
      pipeStderr: false)
    #expect(try slow.readLine(timeout: 30) == "open 45")
    let (rg, seconds) = try FaultRun.timedRG(
      ["get", "--plaintext", "--connect-timeout", "30s", server.address],
      stdin: #"{"latitude":1}"#, timeout: 40)
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(seconds < 14, "served after \(seconds) s")
    slow.signal(SIGKILL)
  }

  /// 20,000 features with long names: far more than socket buffers hold.
  static func bigDatabase(in directory: TemporaryDirectory) throws -> String {
    let name = String(repeating: "n", count: 200)
    let entries = (0..<20_000).map { index in
      #"{"name":"\#(name)\#(index)","location":{"latitude":\#(index),"longitude":1}}"#
    }
    return try directory.write("big.json", "[" + entries.joined(separator: ",\n") + "]")
  }
}
