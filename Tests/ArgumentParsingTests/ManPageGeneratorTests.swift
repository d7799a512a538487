import ArgumentParsing
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(5))) struct ManPageGeneratorTests {
  static let content = ManPageContent(
    date: "2026-01-02",
    sections: [
      ManPageSection(
        "EXIT STATUS", [.paragraph("Codes:"), .definitions([ManPageDefinition("0", "Fine.")])])
    ],
    environment: [ManPageDefinition("HOME", "Where home is.")],
    examples: [CommandExample("Fetch twice", "tool fetch localhost:1 && tool fetch -v")],
    seeAlso: ["jq(1)", "curl(1)"])

  let page = ManPageGenerator(programName: "tool", content: Self.content)
    .render(CommandSpec(SampleRoot.self))

  @Test func headerNameAndSynopsis() {
    #expect(page.contains("\n.TH \"TOOL\" \"1\" \"2026-01-02\" \"tool 1.2.3\" \"User Commands\"\n"))
    #expect(page.contains("\n.SH \"NAME\"\ntool \\- A sample tool\n"))
    #expect(
      page.contains(
        "\n.SH \"SYNOPSIS\"\n\\fBtool\\fR <subcommand> [options]\n.br\n"
          + "\\fBtool fetch\\fR [options] [ADDRESS]\n"))
  }

  @Test func sectionsComeInOrder() {
    let titles = page.split(separator: "\n").filter { $0.hasPrefix(".SH ") }
    #expect(
      titles == [
        ".SH \"NAME\"", ".SH \"SYNOPSIS\"", ".SH \"DESCRIPTION\"", ".SH \"OPTIONS\"",
        ".SH \"TOOL FETCH\"", ".SH \"TOOL SERVE\"", ".SH \"TOOL HELP\"", ".SH \"EXIT STATUS\"",
        ".SH \"ENVIRONMENT\"", ".SH \"EXAMPLES\"", ".SH \"SEE ALSO\"",
      ])
  }

  @Test func commandSectionsListArgumentsByGroup() {
    #expect(page.contains("\n.SS \"ARGUMENTS\"\n.TP\n\\fIADDRESS\\fR\nThe server."))
    #expect(
      page.contains(
        "\n.SS \"CONNECTION OPTIONS\"\n.TP\n\\fB\\-\\-plaintext\\fR\nNo TLS.\n"
          + ".TP\n\\fB\\-\\-timeout\\fR \\fIDURATION\\fR\nDeadline. (default: 10s)\n"))
    #expect(page.contains("\n.TP\n\\fB\\-H\\fR, \\fB\\-\\-header\\fR \\fIHEADER\\fR\n"))
    #expect(!page.contains("secret"))
    // -h, --help is described once, under OPTIONS.
    #expect(page.components(separatedBy: "\\fB\\-\\-help\\fR").count == 2)
  }

  @Test func discussionsKeepLiteralLines() {
    let files = ManPageGenerator(programName: "files", content: ManPageContent(date: "2026-01-02"))
      .render(CommandSpec(FilesRoot.self))
    #expect(
      files.contains(
        "Sends files.\n.PP\n.RS 4\n.nf\nfiles send \\-d @x.json\n.fi\n.RE\n.PP\nThen waits.\n"))
    #expect(files.contains("\n.SH \"ENVIRONMENT\"\n.TP\n\\fBFILES_MODE\\fR\n"))
    #expect(
      files.contains(
        "The value of \\-\\-mode when it is not given, for files send; empty counts as unset.\n"))
  }

  @Test func closingSections() {
    #expect(page.contains("\n.SH \"EXIT STATUS\"\nCodes:\n.TP\n\\fB0\\fR\nFine.\n"))
    #expect(
      page.contains(
        "\n.SH \"ENVIRONMENT\"\n.TP\n\\fBTOOL_ADDRESS\\fR\nThe value of ADDRESS when it is not "
          + "given, for tool fetch; empty counts as unset.\n.TP\n\\fBHOME\\fR\nWhere home is.\n"))
    #expect(
      page.contains(
        "\n.SH \"EXAMPLES\"\nFetch twice:\n.RS 4\n.nf\n"
          + "tool fetch localhost:1 && tool fetch \\-v\n.fi\n.RE\n"))
    #expect(page.hasSuffix("\n.SH \"SEE ALSO\"\n.BR \"jq\" \"(1),\"\n.BR \"curl\" \"(1)\"\n"))
  }

  @Test func programNameReplacesTheRootCommand() {
    let renamed = ManPageGenerator(programName: "t2", content: Self.content)
      .render(CommandSpec(SampleRoot.self))
    #expect(renamed.contains(".TH \"T2\""))
    #expect(renamed.contains("\n.SH \"T2 FETCH\"\n\\fBt2 fetch\\fR [options] [ADDRESS]\n"))
    #expect(renamed.contains("\nt2 fetch localhost:1 && t2 fetch \\-v\n"))
    #expect(renamed.contains("for t2 fetch;"))
  }

  @Test func pageIsLintClean() throws {
    let temporary = try TemporaryDirectory()
    let files = ManPageGenerator(programName: "files", content: Self.content)
      .render(CommandSpec(FilesRoot.self))
    for (name, text) in [("tool.1", page), ("files.1", files)] {
      let path = try temporary.write(name, text)
      let lint = try Subprocess.run("/usr/bin/mandoc", ["-T", "lint", "-W", "warning", path])
      #expect(lint.status == 0, "\(name): \(lint.stdoutText)\(lint.stderrText)")
      let groff = try Subprocess.run("/usr/bin/groff", ["-ww", "-z", "-man", path])
      #expect(groff.stderrText == "", "\(name): \(groff.stderrText)")
    }
  }
}
