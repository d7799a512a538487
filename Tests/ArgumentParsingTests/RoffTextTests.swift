import ArgumentParsing
import Testing

@Suite struct RoffTextTests {
  @Test func escapesWhatRoffWouldReadDifferently() {
    #expect(
      RoffText.escape(#"a-b \n 'q' "d" `g` ~ ^"#)
        == #"a\-b \en \(aqq\(aq \(dqd\(dq \(gag\(ga \(ti \(ha"#)
    #expect(RoffText.escape(".TH x") == #"\&.TH x"#)
    #expect(RoffText.escape("plain text") == "plain text")
  }

  @Test func fontsAndMacroArguments() {
    #expect(RoffText.bold("--db") == #"\fB\-\-db\fR"#)
    #expect(RoffText.italic("FILE") == #"\fIFILE\fR"#)
    #expect(RoffText.macroArgument(#"EXIT "STATUS""#) == #""EXIT \(dqSTATUS\(dq""#)
  }
}
