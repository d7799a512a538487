import Foundation
import TestSupport
import Testing

/// A peer that stops taking data: rg neither hangs past its deadline nor buffers its input
/// without bound; a peer that vanishes mid-stream keeps what already arrived.
@Suite(.timeLimit(.minutes(2))) struct FaultStreamTests {
  init() {
    // rg may exit before it read all its input: writing the rest must fail, not kill the tests.
    signal(SIGPIPE, SIG_IGN)
  }

  /// 200,000 points (about 6 MB): far more than socket buffers and windows hold.
  static let manyPoints = "yes '{\"latitude\":1,\"longitude\":2}' | head -n 200000"

  /// A peer that never reads the socket (TCP stall) or never opens its flow-control window
  /// (HTTP/2 stall): `--timeout` ends the call in time, with a bounded rg.
  @Test(arguments: ["stop-reading", "no-window"])
  func stalledPeerEndsAtTheDeadline(_ scenario: String) async throws {
    let peer = try FaultPeer(scenario)
    let (rg, peak, seconds) = try await FaultRun.measuredTimed(
      "\(Self.manyPoints) | $RG record --plaintext --timeout 1s \(peer.address)", timeout: 20)
    #expect(rg.status == 68, "\(rg.summary)")
    #expect(rg.stderrText == "rg: stdin: DEADLINE_EXCEEDED: deadline exceeded after 1s\n")
    // The deadline, plus at most the one second rg gives a stuck connection to close.
    #expect(seconds < 4, "took \(seconds) s")
    // Input is read only while fewer than ~1 MiB wait to be sent.
    #expect(!TestedBinary.hasMemoryBounds || (peak > 0 && peak < 40_000), "peak RSS \(peak) KiB")
    if scenario == "no-window" {
      let events = peer.eventsAfterClose()
      #expect(events.contains { $0.event == "reset" && $0.code == 8 }, "\(events)")
      #expect(!events.contains { $0.event == "end" }, "a stalled route must not look complete")
    }
  }

  /// Without a deadline rg waits for a stalled peer until keepalive gives it up (30 s by
  /// default, ClientLivenessTests) or the user interrupts: SIGINT ends it at once with 130.
  @Test func stalledPeerWithoutDeadlineEndsOnInterrupt() throws {
    let peer = try FaultPeer("stop-reading")
    let child = try ChildProcess(
      RepoPaths.rgBinary, ["record", "--plaintext", peer.address], pipeStdin: true,
      pipeStdout: true, pipeStderr: true)
    let bytes = Array(String(repeating: #"{"latitude":1,"longitude":2}"# + "\n", count: 2000).utf8)
    // Write until rg has not taken a byte for a second: it stopped reading its input.
    _ = fcntl(child.stdinFD, F_SETFL, fcntl(child.stdinFD, F_GETFL) | O_NONBLOCK)
    var written = 0
    var lastProgress = Date()
    while Date().timeIntervalSince(lastProgress) < 1, written < 64 << 20 {
      let offset = written % bytes.count
      let n = bytes[offset...].withUnsafeBytes { write(child.stdinFD, $0.baseAddress, $0.count) }
      if n > 0 {
        written += n
        lastProgress = Date()
      } else {
        usleep(50_000)
      }
    }
    #expect(written < 64 << 20, "rg kept reading input the peer does not take: \(written) B")
    child.signal(SIGINT)
    let status = try child.wait(timeout: 5)
    var stderr: [UInt8] = []
    while child.readSome(child.stderrFD, into: &stderr) {}
    #expect(status == 130, "\(String(decoding: stderr, as: UTF8.self)), wrote \(written)")
  }

  /// The connection drops in the middle of a streamed answer: the three whole answers before
  /// it are printed, then the status says the connection was lost.
  @Test func connectionLossMidListKeepsEarlierAnswers() throws {
    let peer = try FaultPeer("close-mid-message:after-three")
    let rg = try ClientRun.rg(["list", "--plaintext", peer.address], stdin: "{}")
    #expect(rg.status == 78, "\(rg.summary)")
    let feature = #"{"name":"f","location":{"latitude":1,"longitude":2}}"#
    #expect(rg.stdoutLines == [feature, feature, feature])
    #expect(rg.stderrText.hasPrefix("rg: stdin:1: UNAVAILABLE: connection closed by 127.0.0.1:"))
  }

  /// A GOAWAY that does not cover the stream means the server never saw the call: UNAVAILABLE,
  /// and the request was not half-sent as if complete.
  @Test func goAwayBelowOurStreamIsUnavailable() throws {
    let peer = try FaultPeer("goaway")
    let rg = try ClientRun.rg(
      ["record", "--plaintext", peer.address], stdin: #"{"latitude":1}{"latitude":2}"#)
    #expect(rg.status == 78, "\(rg.summary)")
    #expect(
      rg.stderrText == "rg: stdin: UNAVAILABLE: the server sent GOAWAY before it took the call\n")
  }

  /// A peer that accepts TCP but never says a word: `--connect-timeout` bounds the wait for
  /// its TLS handshake and, in plaintext, for its HTTP/2 SETTINGS.
  @Test(arguments: [
    (["--plaintext"], "sent no HTTP/2 SETTINGS within 1s (is it an HTTP/2 server without TLS?)"),
    ([], "timed out after 1s"),
  ])
  func silentPeerFailsAtTheConnectTimeout(_ options: [String], _ message: String) throws {
    let listener = try SilentListener()
    let (rg, seconds) = try FaultRun.timedRG(
      ["get", "--connect-timeout", "1s"] + options + [listener.address], stdin: "{}")
    #expect(rg.status == 78, "\(rg.summary)")
    #expect(rg.stderrText.contains("UNAVAILABLE: "), "\(rg.stderrText)")
    #expect(rg.stderrText.hasSuffix(message + "\n"), "\(rg.stderrText)")
    #expect(seconds < 3, "took \(seconds) s")
  }
}

/// A listening socket that never accepts: the kernel completes the TCP handshake, and then
/// nothing is ever said.
final class SilentListener {
  let fd: Int32
  let address: String

  init() throws {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let fd = self.fd
    let ready = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
        bind(fd, generic, length) == 0 && listen(fd, 16) == 0
          && getsockname(fd, generic, &length) == 0
      }
    }
    guard ready else {
      close(fd)
      throw SubprocessError("could not listen on 127.0.0.1")
    }
    self.address = "127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
  }

  deinit { close(fd) }
}
