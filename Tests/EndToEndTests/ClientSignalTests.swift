import Foundation
import TestSupport
import Testing

/// SIGINT, SIGTERM and SIGHUP end a client run the same way (DESIGN §1): the open stream is
/// cancelled with RST_STREAM(CANCEL), GOAWAY goes out, and rg exits 128 + N as the shell
/// expects. SIGTERM is what timeout(1), systemd, docker and CI runners send.
@Suite struct ClientSignalTests {
  @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
  func signalCancelsTheStreamAndSendsGoAway(signal: Int32) async throws {
    let peer = try FaultPeer("never-answer")
    // Used by one thread at a time: here, then the waiting thread.
    nonisolated(unsafe) let child = try ChildProcess(
      RepoPaths.rgBinary, ["record", "--plaintext", peer.address], pipeStdin: true,
      pipeStdout: true, pipeStderr: true)
    try child.write(#"{"latitude":1,"longitude":2}"# + "\n")
    // The peer logs the request's HEADERS and DATA: the call is open on the wire.
    let opened = peer.events(timeout: 10) { events in events.contains { $0.event == "headers" } }
    #expect(opened.contains { $0.event == "headers" }, "\(opened)")
    let (status, stderr) = try await onOwnThread {
      usleep(200_000)
      child.signal(signal)
      let status = try child.wait(timeout: 5)
      var stderr: [UInt8] = []
      while child.readSome(child.stderrFD, into: &stderr) {}
      return (status, stderr)
    }
    #expect(status == 128 + signal, "\(String(decoding: stderr, as: UTF8.self))")
    #expect(stderr.isEmpty, "an interrupt is quiet: \(String(decoding: stderr, as: UTF8.self))")
    let events = peer.eventsAfterClose()
    #expect(events.contains { $0.event == "reset" && $0.code == 8 }, "\(events)")
    #expect(events.contains { $0.event == "goaway-received" && $0.code == 0 }, "\(events)")
    #expect(!events.contains { $0.event == "end" }, "the route must not look complete")
  }
}
