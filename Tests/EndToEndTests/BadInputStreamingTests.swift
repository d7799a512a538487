import Foundation
import TestSupport
import Testing

/// A bad value after good ones in `record` or `chat` cancels the stream (RST_STREAM CANCEL):
/// the server observes CANCELLED, never a completed (truncated) route.
@Suite(.timeLimit(.minutes(2))) struct BadInputStreamingTests {
  init() {
    signal(SIGPIPE, SIG_IGN)
  }

  static let goodPoints = #"{"latitude":1,"longitude":2}"# + "\n" + #"{"latitude":3,"longitude":4}"#

  /// rg with its input kept open, so the bad value comes after the server has the good ones.
  static func interactive(_ command: String, _ address: String) throws -> ChildProcess {
    try ChildProcess(
      RepoPaths.rgBinary, [command, "--plaintext", address], pipeStdin: true, pipeStdout: true,
      pipeStderr: true)
  }

  static func finish(_ child: ChildProcess) throws -> (status: Int32, stderr: String) {
    child.closeStdin()
    let status = try child.wait(timeout: 10)
    var stderr: [UInt8] = []
    while child.readSome(child.stderrFD, into: &stderr) {}
    return (status, String(decoding: stderr, as: UTF8.self))
  }

  @Test func recordCancelsOnABadValueAfterGoodOnes() throws {
    let server = try InteropServer()
    let rg = try Self.interactive("record", server.address)
    try rg.write(Self.goodPoints + "\n")
    usleep(700_000)  // the server has the call and both points
    try rg.write(#"{"latitude":1.5}"# + "\n")
    let (status, stderr) = try Self.finish(rg)
    #expect(status == 3)
    #expect(stderr == "rg: stdin:3:13: latitude: 1.5 is not an integer\n")
    let events = server.events()
    #expect(events.count == 1)
    #expect(events.first?.method == "RecordRoute")
    #expect(events.first?.end == "cancelled", "\(String(describing: events.first))")
    // Both points normally arrived; under load the cancel may overtake them, never the reverse.
    #expect((0...2).contains(events.first?.received ?? -1))
  }

  @Test func chatCancelsOnABadValueAfterGoodOnes() throws {
    let server = try InteropServer()
    let rg = try Self.interactive("chat", server.address)
    let note = #"{"location":{"latitude":7},"message":"first"}"#
    try rg.write(note + "\n" + note + "\n")
    // The server answered the second note with the first: it has the call and both notes.
    #expect(try rg.readLine(timeout: 10) == note)
    try rg.write(#"{"location":{"latitude":7},"message":"\udc00"}"# + "\n")
    let (status, stderr) = try Self.finish(rg)
    #expect(status == 3)
    #expect(stderr == #"rg: stdin:3:39: unpaired surrogate \uDC00"# + "\n")
    let events = server.events()
    #expect(events.first?.method == "RouteChat")
    #expect(events.first?.end == "cancelled", "\(String(describing: events.first))")
    #expect(events.first?.received == 2)
  }

  /// On the wire: the stream that carried good points is reset with CANCEL, never ended.
  @Test(arguments: ["record", "chat"])
  func badValueResetsTheStreamOnTheWire(_ command: String) throws {
    let peer = try FaultPeer("never-answer")
    let rg = try Self.interactive(command, peer.address)
    try rg.write(command == "record" ? Self.goodPoints + "\n" : #"{"message":"hi"}"# + "\n")
    let seen = peer.events(timeout: 10) { $0.contains { $0.event == "headers" } }
    #expect(seen.contains { $0.event == "headers" }, "the call never started: \(seen)")
    try rg.write("{\"latitude\": nope}\n")
    let (status, _) = try Self.finish(rg)
    #expect(status == 3)
    BadInputTests.expectNothingHalfSent(peer)
  }
}
