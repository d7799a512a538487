import Foundation
import TestSupport
import Testing

/// A peer that answers wrongly: each answer gives the status and exit code of DESIGN §4 and
/// §1, one `rg:` line that names the cause, at once (no waiting for a timeout), no crash.
@Suite(.timeLimit(.minutes(2))) struct FaultResponseTests {
  init() {
    // rg may exit before it read all its input: writing the rest must fail, not kill the tests.
    signal(SIGPIPE, SIG_IGN)
  }

  struct Case: CustomTestStringConvertible, Sendable {
    var scenario: String
    var command = "get"
    var options: [String] = []
    var exit: Int32
    /// What the one stderr line contains.
    var message: String
    var testDescription: String { "\(command) \(scenario) \(options.joined(separator: " "))" }

    /// An input of one value that suits the command.
    var input: String { command == "get" ? #"{"latitude":1}"# : "{}" }
  }

  static let http2ErrorNames = [
    "NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT",
    "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR",
    "CONNECT_ERROR", "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED",
  ]

  /// RST_STREAM with every error code (DESIGN §4): REFUSED_STREAM (after transparent retries)
  /// is UNAVAILABLE, CANCEL is CANCELLED, ENHANCE_YOUR_CALM is RESOURCE_EXHAUSTED,
  /// INADEQUATE_SECURITY is PERMISSION_DENIED, the rest INTERNAL.
  static let resets: [Case] = http2ErrorNames.enumerated().map { code, name in
    let exit: Int32 =
      switch code {
      case 7: 64 + 14
      case 8: 64 + 1
      case 11: 64 + 8
      case 12: 64 + 7
      default: 64 + 13
      }
    let message =
      code == 0
      ? "INTERNAL: the stream closed without a gRPC status" : "stream reset by server: \(name)"
    return Case(scenario: "rst:\(code)", exit: exit, message: message)
  }

  /// HTTP errors without grpc-status, mapped as gRPC libraries do.
  static let httpStatuses: [Case] = {
    let table: [(status: Int, exit: Int32, name: String)] = [
      (400, 64 + 13, "INTERNAL"), (401, 64 + 16, "UNAUTHENTICATED"),
      (403, 64 + 7, "PERMISSION_DENIED"), (404, 64 + 12, "UNIMPLEMENTED"),
      (429, 64 + 14, "UNAVAILABLE"), (500, 64 + 2, "UNKNOWN"), (502, 64 + 14, "UNAVAILABLE"),
      (503, 64 + 14, "UNAVAILABLE"), (504, 64 + 14, "UNAVAILABLE"),
    ]
    return table.map { entry in
      Case(
        scenario: "http:\(entry.status)", exit: entry.exit,
        message: "\(entry.name): unexpected HTTP status code received from server: \(entry.status)")
    }
  }()

  static let responses: [Case] = [
    Case(scenario: "close-mid-message", exit: 78, message: "UNAVAILABLE: connection closed by"),
    Case(
      scenario: "close-mid-message", command: "list", exit: 78,
      message: "UNAVAILABLE: connection closed by"),
    Case(scenario: "goaway", exit: 78, message: "UNAVAILABLE: the server sent GOAWAY"),
    Case(
      scenario: "goaway", command: "record", exit: 78,
      message: "UNAVAILABLE: the server sent GOAWAY"),
    Case(scenario: "rst:8", command: "chat", exit: 65, message: "CANCELLED: stream reset"),
    Case(
      scenario: "html", exit: 66,
      message: #"UNKNOWN: unexpected response with content-type "text/html""#),
    Case(
      scenario: "short-message", exit: 77,
      message: "INTERNAL: the response ended in the middle of a message"),
    Case(
      scenario: "prefix:5242880", exit: 72,
      message: "RESOURCE_EXHAUSTED: received message larger than max (5242880 vs. 4194304)"),
    Case(
      scenario: "prefix:2048", command: "list", options: ["--max-msg-size", "1K"], exit: 72,
      message: "RESOURCE_EXHAUSTED: received message larger than max (2048 vs. 1024)"),
    Case(
      scenario: "compressed", exit: 77,
      message: "INTERNAL: received a compressed message, but no grpc-encoding was negotiated"),
    Case(
      scenario: "no-status", exit: 77,
      message: "INTERNAL: the server closed the stream without a grpc-status"),
    Case(
      scenario: "two-responses", exit: 76,
      message: "UNIMPLEMENTED: received more than one response message for a unary call"),
    Case(
      scenario: "zero-responses", exit: 76,
      message: "UNIMPLEMENTED: no response message for a unary call"),
    Case(
      scenario: "never-answer", options: ["--timeout", "500ms"], exit: 68,
      message: "DEADLINE_EXCEEDED: deadline exceeded after 500ms"),
  ]

  @Test(arguments: resets + httpStatuses + responses)
  func faultGivesItsStatus(_ fault: Case) throws {
    let peer = try FaultPeer(fault.scenario)
    let (rg, seconds) = try FaultRun.timedRG(
      [fault.command, "--plaintext"] + fault.options + [peer.address], stdin: fault.input)
    #expect(rg.status == fault.exit, "\(rg.summary)")
    #expect(rg.stdoutText == "")
    #expect(rg.stderrText.hasPrefix("rg: "), "\(rg.stderrText)")
    #expect(rg.stderrText.contains(fault.message), "\(rg.stderrText)")
    #expect(rg.stderrText.split(separator: "\n").count == 1, "\(rg.stderrText)")
    // Every fault is seen on the wire, not waited out (never-answer waits its 500ms deadline).
    #expect(seconds < 5, "took \(seconds) s")
  }

  /// A bare length prefix above the limit fails from the prefix alone: rg does not wait for
  /// (or buffer) a payload that never comes, and resets the stream.
  @Test func oversizedPrefixFailsBeforeThePayloadAndResets() throws {
    let peer = try FaultPeer("prefix:2147483647")
    let (rg, seconds) = try FaultRun.timedRG(
      ["chat", "--plaintext", peer.address], stdin: "{}", timeout: 20)
    #expect(rg.status == 72, "\(rg.summary)")
    #expect(seconds < 5)
    let events = peer.eventsAfterClose()
    #expect(events.contains { $0.event == "reset" && $0.code == 8 }, "\(events)")
  }

  /// The local deadline resets the stream with CANCEL before the connection closes (nghttp2
  /// drops a queued RST_STREAM once the session terminates: HTTP2ClientConnection.close).
  @Test func deadlineResetsTheStreamWithCancel() throws {
    let peer = try FaultPeer("never-answer")
    let (rg, seconds) = try FaultRun.timedRG(
      ["get", "--plaintext", "--timeout", "300ms", peer.address], stdin: #"{"latitude":1}"#)
    #expect(rg.status == 68, "\(rg.summary)")
    #expect(seconds < 3)
    let events = peer.eventsAfterClose()
    #expect(events.contains { $0.event == "reset" && $0.stream == 1 && $0.code == 8 }, "\(events)")
  }

  /// REFUSED_STREAM means the server never processed the request: rg retries it transparently
  /// on new streams, a bounded number of times, before it reports UNAVAILABLE.
  @Test func refusedStreamIsRetriedABoundedNumberOfTimes() throws {
    let peer = try FaultPeer("rst:7")
    let rg = try ClientRun.rg(["get", "--plaintext", peer.address], stdin: #"{"latitude":1}"#)
    #expect(rg.status == 78, "\(rg.summary)")
    let requests = peer.eventsAfterClose().filter { $0.event == "headers" }
    #expect(requests.count == 6, "one try and five retries, got \(requests.count)")
  }
}
