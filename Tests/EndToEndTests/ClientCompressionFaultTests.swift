import Foundation
import TestSupport
import Testing

/// Compressed answers from a scripted HTTP/2 peer (Tests/Interop/h2_misbehaving_peer.py): a
/// stream that mixes compressed and plain messages, the INTERNAL cases of gRPC's spec, a server
/// that refuses rg's encoding, and compression bombs that must cost no more than the limit.
@Suite(.timeLimit(.minutes(3))) struct ClientCompressionFaultTests {
  static let longName = String(repeating: "compressible feature name ", count: 10)

  @Test(arguments: ["gzip", "deflate"])
  func mixedMessagesAllArrive(_ encoding: String) throws {
    let peer = try FaultPeer("encoded:\(encoding)")
    let rg = try ClientRun.rg(["list", "--plaintext", peer.address], stdin: "{}")
    let long = #"{"name":"\#(Self.longName)","location":{"latitude":1,"longitude":2}}"#
    let short = #"{"name":"f","location":{"latitude":1,"longitude":2}}"#
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutLines == [long, long, short])
  }

  /// gRPC's spec: an encoding rg does not know, or a body that does not inflate, is INTERNAL
  /// with one line that says which (the flag without grpc-encoding: FaultResponseTests).
  @Test(arguments: [
    (
      "encoded:br",
      "rg: stdin:1: INTERNAL: received a message compressed with grpc-encoding \"br\", which rg "
        + "cannot decompress (it accepts gzip, deflate)\n"
    ),
    (
      "not-inflating:gzip",
      "rg: stdin:1: INTERNAL: could not decompress a gzip message: incorrect header check\n"
    ),
    (
      "not-inflating:deflate",
      "rg: stdin:1: INTERNAL: could not decompress a deflate message: incorrect header check\n"
    ),
  ])
  func unreadableCompressionIsInternal(_ scenario: String, _ line: String) throws {
    let peer = try FaultPeer(scenario)
    let rg = try ClientRun.rg(["list", "--plaintext", peer.address], stdin: "{}")
    #expect(rg.status == 77, "\(rg.summary)")
    #expect(rg.stderrText == line)
  }

  /// A server in grpc-core's manner: UNIMPLEMENTED with grpc-accept-encoding.
  @Test func refusedEncodingNamesWhatTheServerTakes() throws {
    let peer = try FaultPeer("refuse-encoding:identity, deflate")
    let rg = try ClientRun.rg(
      ["get", "--plaintext", "--compress", "gzip", peer.address], stdin: "{}")
    #expect(rg.status == 76, "\(rg.summary)")
    #expect(
      rg.stderrText
        == "rg: stdin:1: UNIMPLEMENTED: the server does not accept requests compressed with gzip "
        + "(its "
        + "grpc-accept-encoding: identity, deflate): grpc-encoding not supported\n")
  }

  /// A message of about 1 MiB on the wire that inflates to 1 GiB, and one of 20 KiB that
  /// inflates to 20 MiB: RESOURCE_EXHAUSTED once the inflated size passes --max-msg-size
  /// (4 MiB), quickly, with rg's peak RSS far below what inflating it all would take.
  @Test(arguments: ["bomb:gzip:1024", "bomb:deflate:20"], ["list", "get"])
  func bombEndsAtTheLimit(_ scenario: String, _ command: String) async throws {
    let peer = try FaultPeer(scenario)
    let (rg, peak, seconds) = try await FaultRun.measuredTimed(
      "$RG \(command) --plaintext -d '{}' \(peer.address)", timeout: 60)
    let encoding = scenario.split(separator: ":")[1]
    #expect(rg.status == 72, "\(rg.summary)")
    #expect(
      rg.stderrText
        == "rg: -d:1: RESOURCE_EXHAUSTED: received message larger than max once decompressed "
        + "(\(encoding): more than 4194304 bytes)\n")
    #expect(rg.stdoutText.isEmpty)
    #expect(seconds < 10, "took \(seconds) s")
    #expect(!TestedBinary.hasMemoryBounds || (peak > 0 && peak < 32 << 10), "peak \(peak) KiB")
  }

  /// A larger --max-msg-size lets the 20 MiB message through (and the next limit down stops
  /// it): the limit is on the inflated size, not the 20 KiB on the wire.
  @Test func limitAppliesToTheInflatedSize() throws {
    let peer = try FaultPeer("bomb:gzip:20")
    let within = try ClientRun.rg(
      ["list", "--plaintext", "--max-msg-size", "21M", peer.address], stdin: "{}")
    // Twenty MiB of zeros are not a Feature: decoding fails after inflating, as it should.
    #expect(within.status == 77, "\(within.summary)")
    #expect(within.stderrText.contains("could not decode the response"), "\(within.summary)")
    let below = try ClientRun.rg(
      ["list", "--plaintext", "--max-msg-size", "19M", peer.address], stdin: "{}")
    #expect(below.status == 72, "\(below.summary)")
  }
}
