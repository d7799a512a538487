import Testing

@testable import ArgumentParsing

@Suite struct RoffWriterTests {
  @Test func paragraphsAfterAHeadingNeedNoBreak() {
    var writer = RoffWriter()
    writer.heading("DESCRIPTION")
    writer.paragraph("One.")
    writer.paragraph("Two.")
    writer.subheading("More")
    writer.paragraph("Three.")
    #expect(
      writer.text == ".SH \"DESCRIPTION\"\nOne.\n.PP\nTwo.\n.SS \"More\"\nThree.\n")
  }

  @Test func blocksBecomeLiteralAndTaggedParagraphs() {
    var writer = RoffWriter()
    writer.heading("EXAMPLES")
    writer.blocks([
      .literal(["rg get -d '{}'"]),
      .definitions([ManPageDefinition("0", "OK.")]),
      .paragraph(".dot"),
    ])
    #expect(
      writer.text == """
        .SH "EXAMPLES"
        .RS 4
        .nf
        rg get \\-d \\(aq{}\\(aq
        .fi
        .RE
        .TP
        \\fB0\\fR
        OK.
        .PP
        \\&.dot

        """)
  }

  @Test func taggedItemsTakeFurtherParagraphs() {
    var writer = RoffWriter()
    writer.tagged(RoffText.bold("--db"), "A file.")
    writer.indentedParagraph("More about it.")
    #expect(writer.lines == [".TP", "\\fB\\-\\-db\\fR", "A file.", ".IP", "More about it."])
  }
}
