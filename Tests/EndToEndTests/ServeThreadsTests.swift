import Foundation
import TestSupport
import Testing

/// `rg serve --threads N`: N event loops that all serve, a default that follows the
/// processors the server may use, and one graceful shutdown across all of them.
@Suite(.timeLimit(.minutes(5))) struct ServeThreadsTests {
  /// The threads of `pid` and the CPU ticks each has used (user + system).
  static func threadTicks(_ pid: Int32) throws -> [Int] {
    let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")
    return try tasks.map { task in
      let stat = try String(contentsOfFile: "/proc/\(pid)/task/\(task)/stat", encoding: .utf8)
      // Fields after the command name (which may hold spaces): utime and stime are 12 and 13.
      let fields = stat[stat.range(of: ")")!.upperBound...].split(separator: " ")
      return (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0)
    }
  }

  /// The threads of an rg serve with `loops` loops: ThreadSanitizer's runtime adds one of its
  /// own once rg starts a thread.
  static func threads(loops: Int) -> Int {
    loops + (TestedBinary.sanitizer == "thread" && loops > 1 ? 1 : 0)
  }

  /// The thread count of `pid` once it reaches `expected` (the loops start right after the
  /// listening line), or what it is after 10 s.
  static func threadCount(_ pid: Int32, reaching expected: Int) throws -> Int {
    let deadline = Date().addingTimeInterval(10)
    while true {
      let count = try threadTicks(pid).count
      if count == expected || Date() > deadline { return count }
      usleep(10_000)
    }
  }

  /// GetFeature(latitude 409146138, longitude -746188906), framed, for h2load's -d.
  static func pointFile(in directory: TemporaryDirectory) throws -> String {
    let point: [UInt8] = [
      0, 0, 0, 0, 17, 0x08, 0x9a, 0xa6, 0x8c, 0xc3, 0x01, 0x10, 0x96, 0x9f, 0x98, 0x9c, 0xfd,
      0xff, 0xff, 0xff, 0xff, 0x01,
    ]
    let path = directory.path + "/point.bin"
    try Data(point).write(to: URL(fileURLWithPath: path))
    return path
  }

  static func h2load() throws -> String {
    let path = "/usr/bin/h2load"
    guard FileManager.default.isExecutableFile(atPath: path) else {
      throw SubprocessError("\(path) is missing: `make deps` installs nghttp2-client")
    }
    return path
  }

  /// h2load's four connections land two on each loop, and both loops do the work.
  @Test func everyLoopServesItsShareOfTheConnections() throws {
    let directory = try TemporaryDirectory()
    let server = try SignalableServer(["--threads", "2"])
    defer { server.child.signal(SIGKILL) }
    let expected = Self.threads(loops: 2)
    #expect(try Self.threadCount(server.child.pid, reaching: expected) == expected)
    let before = try Self.threadTicks(server.child.pid)
    let load = try Subprocess.run(
      try Self.h2load(),
      [
        "-n", "40000", "-c", "4", "-m", "10", "-d", try Self.pointFile(in: directory),
        "-H", "content-type: application/grpc", "-H", "te: trailers",
        "http://\(server.address)/routeguide.RouteGuide/GetFeature",
      ], timeout: 120)
    #expect(load.stdoutText.contains("40000 succeeded"), "\(load.summary)")
    let used = zip(try Self.threadTicks(server.child.pid), before).map { $0 - $1 }
    // 20,000 calls cost a loop well over one tick (10 ms); an idle loop costs none.
    #expect(used.sorted(by: >).prefix(2).allSatisfy { $0 >= 2 }, "CPU ticks per thread: \(used)")
    server.child.signal(SIGTERM)
    #expect(try server.child.wait(timeout: 10) == 0)
  }

  /// Without --threads, one loop per processor the server may run on: taskset narrows it.
  @Test func theDefaultFollowsTheProcessorsTheServerMayUse() throws {
    let all = try SignalableServer()
    defer { all.child.signal(SIGKILL) }
    let processors = ProcessInfo.processInfo.activeProcessorCount
    let expected = Self.threads(loops: processors)
    #expect(try Self.threadCount(all.child.pid, reaching: expected) == expected)
    let taskset = "/usr/bin/taskset"
    guard FileManager.default.isExecutableFile(atPath: taskset) else { return }
    let directory = try TemporaryDirectory()
    let log = directory.path + "/stderr"
    let pinned = try ChildProcess(
      taskset, ["-c", "0", RepoPaths.rgBinary, "serve", "--port", "0"], pipeStdin: false,
      pipeStdout: false, pipeStderr: false, stderrPath: log)
    defer { pinned.signal(SIGKILL) }
    let deadline = Date().addingTimeInterval(20)
    while !((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains("listening") {
      guard Date() < deadline else { throw SubprocessError("rg serve did not start") }
      usleep(5_000)
    }
    // Given time to start a second loop, it has not.
    usleep(200_000)
    #expect(try Self.threadTicks(pinned.pid).count == Self.threads(loops: 1))
  }

  /// Two chats on two connections, so on two loops: after SIGTERM both go on, both end OK,
  /// and the server exits 0 only when the last has ended.
  @Test func aSignalDrainsTheCallsOfEveryLoop() throws {
    let server = try SignalableServer(["--threads", "2"])
    defer { server.child.signal(SIGKILL) }
    let note = ServeShutdownTests.note
    let chats = try (0..<2).map { _ in try ServePeers.interactivePython("chat", server.address) }
    defer { for chat in chats { chat.signal(SIGKILL) } }
    for chat in chats {
      try chat.write(note + note)
      #expect(try chat.readLine(timeout: 10) != nil)
    }
    server.child.signal(SIGTERM)
    usleep(300_000)
    for chat in chats {
      try chat.write(note)
      #expect(try chat.readLine(timeout: 10) != nil)
    }
    chats[0].closeStdin()
    #expect(try chats[0].wait(timeout: 10) == 0)
    // One loop is done; the server is not, while the other loop's chat is open.
    #expect(throws: SubprocessError.self) { try server.child.wait(timeout: 0.3) }
    chats[1].closeStdin()
    #expect(try chats[1].wait(timeout: 10) == 0)
    #expect(try server.child.wait(timeout: 10) == 0)
  }

  /// Two clients post at the same ten locations at once, through two loops, to one shared
  /// board. Whatever the interleaving, every note is answered with the notes before it at its
  /// location, so the answers add up to n(n-1)/2 per location of n notes: a lost or doubled
  /// note (a race on the board) changes the sum.
  @Test func theSharedBoardTakesNotesFromEveryLoopAtOnce() async throws {
    let server = try SignalableServer(["--threads", "2", "--shared-chat"])
    defer { server.child.signal(SIGKILL) }
    let notes = (0..<500).map { index in
      #"{"location":{"latitude":\#(index % 10),"longitude":1},"message":"n\#(index)"}"#
    }.joined(separator: "\n")
    let clients = try (0..<2).map { _ in
      try ChildProcess(
        RepoPaths.rgBinary, ["chat", "--plaintext", server.address], pipeStdin: true,
        pipeStdout: true, pipeStderr: false)
    }
    defer { for client in clients { client.signal(SIGKILL) } }
    let input = Array(notes.utf8)
    async let first = onOwnThread { try clients[0].communicate(stdin: input, timeout: 120) }
    async let second = onOwnThread { try clients[1].communicate(stdin: input, timeout: 120) }
    let results = try await [first, second]
    for result in results { #expect(result.status == 0, "\(result.summary)") }
    let answers = results.map { $0.stdoutText.split(separator: "\n").count }
    // 1,000 notes, 100 per location: 10 × 100 × 99 / 2.
    #expect(answers.reduce(0, +) == 49_500, "answers per client: \(answers)")
    server.child.signal(SIGTERM)
    #expect(try server.child.wait(timeout: 10) == 0)
  }

  @Test(arguments: ["0", "257", "many"])
  func aThreadCountOutOfRangeIsAUsageError(count: String) throws {
    let result = try Subprocess.run(
      RepoPaths.rgBinary, ["serve", "--port", "0", "--threads", count], timeout: 10)
    #expect(result.status == 2, "\(result.summary)")
    #expect(result.stderrText.hasPrefix("rg: ") && result.stderrText.contains("--threads"))
  }
}
