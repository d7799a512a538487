import Foundation
import TestSupport
import Testing

/// Full duplex without deadlock: the server answers while rg is still sending, far more than
/// any socket buffer or HTTP/2 window holds, and rg keeps reading while it writes.
@Suite(.serialized, .timeLimit(.minutes(3))) struct DeadlockTests {
  /// `count` notes, one a line, note i at latitude `i / pairing` (so with pairing 2 the real
  /// server answers every second note with the one before it).
  static func notes(_ count: Int, pairing: Int = 1) -> String {
    "awk 'BEGIN { for (i = 0; i < \(count); i++) "
      + #"printf "{\"location\":{\"latitude\":%d},\"message\":\"note %d\"}\n", i / \#(pairing), i }'"#
  }

  /// Prints the number of lines read, then the last line.
  static let countAndLast = "awk 'END { print NR; print $0 }'"

  /// 100,000 notes each way through a peer that echoes every byte as soon as it arrives.
  @Test func chatHundredThousandNotesEachWayThroughAnEchoingPeer() async throws {
    let peer = try FaultPeer("echo")
    let (rg, peak) = try await FaultRun.measured(
      "\(Self.notes(100_000)) | $RG chat --plaintext \(peer.address) | \(Self.countAndLast)",
      timeout: 120)
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(
      rg.stdoutLines == ["100000", #"{"location":{"latitude":99999},"message":"note 99999"}"#])
    #expect(
      !TestedBinary.hasMemoryBounds || (peak > 0 && peak < BoundedMemoryTests.boundKiB),
      "peak RSS \(peak) KiB")
    let ended = peer.eventsAfterClose().filter { $0.event == "end" }
    #expect(ended.count == 1, "the chat was half-closed once, after all notes")
  }

  /// The same against `rg serve`: 200,000 notes in pairs at one location each, so 100,000
  /// answers come back while the notes still stream in.
  @Test func chatAgainstRGServeAnswersWhileSending() async throws {
    let server = try ServerProcess.rgServe()
    let (rg, peak) = try await FaultRun.measured(
      "\(Self.notes(200_000, pairing: 2)) | $RG chat --plaintext \(server.address)"
        + " | \(Self.countAndLast)", timeout: 120)
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(
      rg.stdoutLines == ["100000", #"{"location":{"latitude":99999},"message":"note 199998"}"#])
    #expect(
      !TestedBinary.hasMemoryBounds || (peak > 0 && peak < BoundedMemoryTests.boundKiB),
      "peak RSS \(peak) KiB")
  }

  /// Neither side reads until the other stops writing would deadlock: rg with a stdout
  /// nobody reads for a while must still take its input, up to its bounds, and finish once the
  /// reader comes back.
  @Test func chatWithAStalledReaderFinishes() async throws {
    let peer = try FaultPeer("echo")
    let (rg, peak) = try await FaultRun.measured(
      "\(Self.notes(100_000)) | $RG chat --plaintext \(peer.address) | { sleep 2; \(Self.countAndLast); }",
      timeout: 120)
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutLines.first == "100000")
    #expect(
      !TestedBinary.hasMemoryBounds || (peak > 0 && peak < BoundedMemoryTests.boundKiB),
      "peak RSS \(peak) KiB")
  }
}
