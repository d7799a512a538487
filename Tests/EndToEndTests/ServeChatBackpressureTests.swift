import Foundation
import TestSupport
import Testing

/// RouteChat answers every note, so a client whose answers pile up is held back by flow
/// control (its further notes wait), never cut off while it reads; rg serve's memory stays
/// bounded either way.
@Suite(.serialized, .timeLimit(.minutes(5))) struct ServeChatBackpressureTests {
  /// `count` notes over `locations` places: note i at place i % locations, so each note is
  /// answered with the earlier notes at its place.
  static func notes(count: Int, locations: Int) -> String {
    (0..<count).map { i in
      #"{"location":{"latitude":\#(i % locations),"longitude":1},"message":"n\#(i)"}"#
    }.joined(separator: "\n") + "\n"
  }

  /// Σ over places of 0 + 1 + … + (notes per place − 1).
  static func replies(count: Int, locations: Int) -> Int {
    let perPlace = count / locations
    return locations * perPlace * (perPlace - 1) / 2
  }

  @Test func aBigChatThroughRgServeCompletesWithBoundedMemory() async throws {
    let server = try SignalableServer([])
    let directory = try TemporaryDirectory()
    let path = try directory.write("notes.ndjson", Self.notes(count: 100_000, locations: 5_000))
    let address = server.address
    let run = try await FaultRun.measuredTimed(
      "$RG chat --plaintext -d @\(path) \(address) | wc -l", timeout: 240)
    #expect(run.result.status == 0, "\(run.result.summary)")
    #expect(
      Int(run.result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines))
        == Self.replies(count: 100_000, locations: 5_000))
    let memory = FaultRun.memory(of: server.child.pid)
    #expect(
      !TestedBinary.hasMemoryBounds || memory.peak < 96 << 10,
      "rg serve peak RSS \(memory.peak) KiB")
    print(
      "950k-reply chat: \(run.seconds) s, rg peak \(run.peakKiB) KiB, rg serve peak \(memory.peak) KiB"
    )
  }

  @Test func theGrpcioClientIsNotCutOffEither() async throws {
    let server = try SignalableServer([])
    let input = Self.notes(count: 20_000, locations: 1_000)
    let address = server.address
    let result = try await onOwnThread {
      try ClientRun.python("chat", address, stdin: input, timeout: 240)
    }
    #expect(result.status == 0, "\(result.stderrText.prefix(500))")
    #expect(result.stdoutLines.count == Self.replies(count: 20_000, locations: 1_000))
  }

  /// A client that sends notes and never reads: the server holds a bounded backlog and stops
  /// taking notes; the call stalls by flow control instead of growing the server.
  @Test func aClientThatNeverReadsStallsTheCallNotTheServer() async throws {
    let server = try SignalableServer([])
    let address = server.address
    let baseline = FaultRun.memory(of: server.child.pid).rss
    let (status, rss) = try await onOwnThread { () -> (Int32, Int) in
      let child = try ChildProcess(
        "/bin/bash",
        [
          "-c",
          "exec 1>&-; yes '{\"location\":{\"latitude\":1},\"message\":\"again\"}' | "
            + "head -c 200000000 | \(RepoPaths.rgBinary) chat --plaintext \(address) | sleep 600",
        ],
        pipeStdin: false, pipeStdout: false, pipeStderr: false)
      usleep(8_000_000)
      let rss = FaultRun.memory(of: server.child.pid).rss
      child.signal(SIGKILL)
      return (try child.wait(timeout: 10), rss)
    }
    _ = status
    #expect(
      !TestedBinary.hasMemoryBounds || rss - baseline < 64 << 10,
      "rg serve grew from \(baseline) to \(rss) KiB")
  }
}
