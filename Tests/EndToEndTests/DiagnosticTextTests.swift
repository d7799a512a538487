import Foundation
import TestSupport
import Testing

/// Text a hostile server controls (grpc-message, header values under -v) reaches the terminal
/// escaped: one diagnostic stays one line, and no control character gets through raw.
@Suite(.timeLimit(.minutes(2))) struct DiagnosticTextTests {
  /// What the peer's grpc-message decodes to, as rg must show it: backslash escapes.
  static let escapedMessage = #"rg: stdin:1: UNKNOWN: line1\nrg: FAKE second line\r\x1b[31mRED"#

  /// Control characters a terminal acts on (C0 but the line's own newline, DEL, C1).
  static func rawControls(_ text: String) -> [Unicode.Scalar] {
    text.unicodeScalars.filter {
      ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
    }
  }

  @Test func statusMessageStaysOneEscapedLine() throws {
    let peer = try FaultPeer("diag-hostile-text")
    let rg = try ClientRun.rg(["get", "--plaintext", peer.address], stdin: #"{"latitude":1}"#)
    #expect(rg.status == 64 + 2, "\(rg.summary)")
    #expect(rg.stdoutText == "")
    #expect(rg.stderrText == Self.escapedMessage + "\n", "\(rg.summary)")
    #expect(Self.rawControls(rg.stderrText).isEmpty, "\(rg.summary)")
  }

  /// Under -v, a header and a trailer value with a C1 control (CSI, U+009B) are shown escaped,
  /// and the closing diagnostic is still the one `rg:` line.
  @Test func verboseHeaderValuesAreEscaped() throws {
    let peer = try FaultPeer("diag-hostile-text:c1")
    let rg = try ClientRun.rg(
      ["get", "--plaintext", "-v", peer.address], stdin: #"{"latitude":1}"#)
    #expect(rg.status == 64 + 2, "\(rg.summary)")
    #expect(Self.rawControls(rg.stderrText).isEmpty, "\(rg.summary)")
    let lines = rg.stderrText.split(separator: "\n").map(String.init)
    #expect(lines.contains(#"[1] < x-hostile: head\u009b[31mred"#), "\(rg.summary)")
    #expect(lines.contains(#"[1] < x-hostile: tail\u009b[31mred"#), "\(rg.summary)")
    #expect(lines.filter { $0.hasPrefix("rg:") } == [Self.escapedMessage], "\(rg.summary)")
    #expect(lines.last == Self.escapedMessage, "\(rg.summary)")
  }

  /// A usage error quotes the user's words: escaped too, so the message stays the first of its
  /// three lines.
  @Test func usageErrorQuotingControlCharactersStaysThreeLines() throws {
    let rg = try ClientRun.rg(["nope\u{1B}[31m\nrg: forged"])
    #expect(rg.status == 2, "\(rg.summary)")
    #expect(Self.rawControls(rg.stderrText).isEmpty, "\(rg.summary)")
    let lines = rg.stderrText.split(separator: "\n").map(String.init)
    #expect(lines.count == 3, "\(rg.summary)")
    #expect(lines.first?.hasPrefix(#"rg: unknown subcommand 'nope\x1b[31m\nrg: forged'"#) == true)
  }
}
