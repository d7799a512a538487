import Foundation
import TestSupport
import Testing

/// GOAWAY is a server leaving in order, not a failure (DESIGN §4): the calls it took finish,
/// and the ones it never processed go on over a new connection, so a server that rotates its
/// connections by age does not break a long run.
@Suite struct ClientGoAwayTests {
  @Test(arguments: [1, 3])
  func getCarriesOnOverNewConnections(concurrency: Int) throws {
    let peer = try FaultPeer("rotate:3")
    let input = (1...10).map { #"{"latitude":\#($0)}"# }.joined(separator: "\n")
    let rg = try ClientRun.rg(
      ["get", "--plaintext", "--concurrency", "\(concurrency)", peer.address], stdin: input)
    #expect(rg.status == 0, "\(rg.summary)")
    let feature = #"{"name":"f","location":{"latitude":1,"longitude":2}}"#
    #expect(rg.stdoutLines == Array(repeating: feature, count: 10))
    #expect(rg.stderrText.isEmpty, "\(rg.stderrText)")
    let events = peer.eventsAfterClose()
    let connections = events.filter { $0.event == "connection" }.count
    #expect(connections >= 4, "\(events)")
    #expect(events.filter { $0.event == "goaway-sent" }.count >= 3, "\(events)")
  }

  /// The answer and GOAWAY in one write (a graceful shutdown): the second call goes on a new
  /// connection instead of failing.
  @Test func answerAndGoAwayInOneWrite() throws {
    let peer = try FaultPeer("rotate:1")
    let rg = try ClientRun.rg(
      ["get", "--plaintext", "-d", #"{"latitude":1} {"latitude":2}"#, peer.address])
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutLines.count == 2)
  }
}
