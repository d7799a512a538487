import ArgumentParsing
import Testing

@Suite struct TerminalTextTests {
  @Test func plainTextIsUnchanged() {
    let text = "UNKNOWN: no feature at 1, 2 — café, 東京, tab-free"
    #expect(TerminalText.escaped(text) == text)
  }

  @Test func lineBreaksAndEscapeAreShownAsEscapes() {
    #expect(
      TerminalText.escaped("line1\nrg: FAKE\r\u{1B}[31mRED\tend")
        == #"line1\nrg: FAKE\r\x1b[31mRED\tend"#)
  }

  @Test func everyC0ControlAndDELIsEscaped() {
    for value in UInt32(0)...0x1F {
      let escaped = TerminalText.escaped(String(Unicode.Scalar(value)!))
      #expect(escaped.hasPrefix("\\"), "U+\(value)")
      #expect(escaped.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F })
    }
    #expect(TerminalText.escaped("\u{00}\u{07}\u{7F}") == #"\x00\x07\x7f"#)
  }

  /// C1 controls (CSI U+009B among them) act like ESC sequences on some terminals.
  @Test func c1ControlsAreEscapedAndTheCharactersAroundThemKept() {
    #expect(
      TerminalText.escaped("a\u{80}b\u{9B}31mc\u{9F}\u{A0}é") == #"a\u0080b\u009b31mc\u009f"#
        + "\u{A0}é")
  }

  @Test func isControlCoversC0DELAndC1Only() {
    #expect(TerminalText.isControl("\u{1B}"))
    #expect(TerminalText.isControl("\u{7F}"))
    #expect(TerminalText.isControl("\u{9B}"))
    #expect(!TerminalText.isControl(" "))
    #expect(!TerminalText.isControl("~"))
    #expect(!TerminalText.isControl("\u{A0}"))
  }
}
