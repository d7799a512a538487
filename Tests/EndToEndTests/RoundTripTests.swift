import Foundation
import TestSupport
import Testing

/// Fewer round trips (DESIGN §3): the first call goes out with the connection preface, not after
/// the server's SETTINGS, so a one-shot call over h2c costs one round trip after TCP; and a
/// server whose strict SETTINGS arrive after the request still gets it right.
@Suite(.timeLimit(.minutes(2))) struct RoundTripTests {
  /// `rg serve` behind Tests/Interop/delay_relay.py, which holds every chunk `delay` ms each way.
  final class DelayedServer {
    let server: ServerProcess
    let relay: ServerProcess

    init(delayMilliseconds: Int) throws {
      server = try ServerProcess.rgServe()
      try Subprocess.requirePython()
      relay = try ServerProcess(
        RepoPaths.python,
        [
          RepoPaths.interop + "/delay_relay.py", "--target", server.address, "--delay-ms",
          "\(delayMilliseconds)",
        ])
    }
  }

  @Test func aOneShotGetOverH2CTakesOneRoundTrip() async throws {
    let delayed = try DelayedServer(delayMilliseconds: 100)
    let address = delayed.relay.address
    let times = try await onOwnThread {
      try (0..<3).map { _ in
        try FaultRun.timedRG(["get", "-d", "{}", "http://\(address)"]).seconds
      }
    }
    // One round trip is 200 ms; waiting for SETTINGS first would add at least 100 ms more.
    let best = times.min() ?? 1
    #expect(best >= 0.2 && best < 0.29, "one-shot get took \(times) s")
    withExtendedLifetime(delayed) {}
  }

  @Test func strictSettingsThatArriveAfterTheRequestAreHonoured() throws {
    let peer = try FaultPeer("late-strict-settings")
    let points = (1...2000).map { #"{"latitude":\#($0)}"# }.joined(separator: "\n")
    let record = try ClientRun.rg(["record", "--plaintext", peer.address], stdin: points)
    #expect(record.status == 0, "\(record.summary)")
    #expect(record.stdoutLines == [#"{"pointCount":2000}"#])
    let get = try ClientRun.rg(
      ["get", "--plaintext", "--concurrency", "4", peer.address],
      stdin: (1...10).map { #"{"latitude":\#($0)}"# }.joined(separator: "\n"))
    #expect(get.status == 0, "\(get.summary)")
    #expect(get.stdoutLines.count == 10)
    let events = peer.eventsAfterClose()
    // The request was in the client's first bytes, before the peer's SETTINGS.
    #expect(events.contains { $0.event == "first-bytes" && $0.ok != false }, "\(events)")
  }
}
