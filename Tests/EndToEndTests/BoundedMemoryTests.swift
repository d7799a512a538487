import Foundation
import TestSupport
import Testing

/// rg's memory does not grow with the length of a stream: 10 million points up, 10 million
/// features down into a reader that stalls, each under `boundKiB` of peak RSS (measured with
/// `/usr/bin/time`), and not above a short stream's peak by more than `growthKiB`.
///
/// Inputs are generated on the fly into a pipe (`yes`, awk), never written to a file.
@Suite(.serialized, .timeLimit(.minutes(5))) struct BoundedMemoryTests {
  /// The bound on rg's peak RSS for any stream, however long: 48 MiB (a debug build peaks at
  /// about 17 MiB on these tests).
  static let boundKiB = 48 << 10
  /// How much more a 10-million stream may peak than a 100,000 one.
  static let growthKiB = 8 << 10

  /// Points alternating between two places, `count` lines.
  static func points(_ count: Int) -> String {
    #"(yes $'{}\n{"latitude":1,"longitude":2}' || true) | head -n "# + "\(count)"
  }

  func record(_ count: Int, to address: String) async throws -> (SubprocessResult, Int) {
    let (result, peak) = try await FaultRun.measured(
      "\(Self.points(count)) | $NICE $RG record --plaintext \(address)", timeout: 280)
    #expect(result.status == 0, "\(result.summary)")
    #expect(result.stdoutText.hasPrefix(#"{"pointCount":\#(count),"#), "\(result.stdoutText)")
    return (result, peak)
  }

  @Test func recordTenMillionPoints() async throws {
    let server = try ServerProcess(
      FaultRun.nice[0], FaultRun.nice.dropFirst() + [RepoPaths.rgBinary, "serve", "--port", "0"])
    let (_, shortPeak) = try await record(100_000, to: server.address)
    let (_, peak) = try await record(10_000_000, to: server.address)
    #expect(peak > 0 && peak < Self.boundKiB, "peak RSS \(peak) KiB")
    #expect(peak < shortPeak + Self.growthKiB, "10M points: \(peak) KiB, 100k: \(shortPeak) KiB")
  }

  func list(_ count: Int, reader: String) async throws -> Int {
    let peer = try FaultPeer("flood:\(count)", niced: true)
    let (result, peak) = try await FaultRun.measured(
      "echo '{}' | $NICE $RG list --plaintext \(peer.address) | \(reader)", timeout: 280)
    #expect(result.status == 0, "\(result.summary)")
    #expect(result.stdoutLines == ["\(count)"])
    return peak
  }

  /// The reader sleeps three seconds before it reads anything: rg stops reading the socket
  /// instead of buffering the stream, and resumes when the reader does.
  @Test func listTenMillionFeaturesIntoASlowReader() async throws {
    let shortPeak = try await list(100_000, reader: "{ sleep 1; wc -l; }")
    let peak = try await list(10_000_000, reader: "{ sleep 3; wc -l; }")
    #expect(peak > 0 && peak < Self.boundKiB, "peak RSS \(peak) KiB")
    #expect(peak < shortPeak + Self.growthKiB, "10M features: \(peak) KiB, 100k: \(shortPeak) KiB")
  }
}
