import ArgumentParsing
import Testing

@Suite struct HelpRendererTests {
  let root = CommandSpec(SampleRoot.self)

  @Test func rendersEverySectionInOrder() throws {
    let fetch = try #require(root.subcommand(named: "fetch"))
    #expect(
      HelpRenderer(width: 80).render(fetch) == """
        OVERVIEW: Fetch things.

        Fetches things from a server.

        Reads stdin.

        USAGE: tool fetch [options] [ADDRESS]

        ARGUMENTS:
          ADDRESS              The server. (env: $TOOL_ADDRESS) (default: localhost:1)

        CONNECTION OPTIONS:
          --plaintext          No TLS.
          --timeout DURATION   Deadline. (default: 10s)

        OPTIONS:
          -k, --insecure       Skip verification.
          -v, --verbose        Say more.
          -H, --header HEADER  Metadata. (repeatable)
          -d, --data JSON      Input.
          --format FORMAT      Output format. (values: json, text)
          -h, --help           Show help information.

        EXAMPLES:
          Fetch one thing:
            tool fetch -d '{}' localhost:1

        """)
  }

  @Test func rootListsSubcommandsAndPointsAtHelp() {
    let text = HelpRenderer(width: 80).render(root)
    #expect(text.contains("USAGE: tool <subcommand> [options]\n"))
    #expect(text.contains("  --version   Show the version and the library versions.\n"))
    #expect(text.contains("SUBCOMMANDS:\n  fetch  Fetch things.\n  serve  Serve things.\n"))
    #expect(text.hasSuffix("See 'tool help <subcommand>' for detailed help.\n"))
  }

  @Test func wrapsToTheWidthAndAlignsContinuationLines() throws {
    let fetch = try #require(root.subcommand(named: "fetch"))
    let lines = HelpRenderer(width: 50).render(fetch).split(separator: "\n")
    #expect(lines.allSatisfy { $0.count <= 50 || $0.hasPrefix("    tool ") })
    let address = try #require(lines.firstIndex { $0.hasPrefix("  ADDRESS") })
    #expect(lines[address] == "  ADDRESS              The server. (env:")
    #expect(lines[address + 1] == "                       $TOOL_ADDRESS) (default:")
  }

  @Test func longLabelsPutTheirTextOnTheNextLine() {
    let definition = ArgumentDefinition.option(
      "connect-timeout", valueName: "DURATION", help: "Give up.")
    struct Long: ParsableCommand {
      static let configuration = CommandConfiguration(commandName: "x")
      static let arguments = [
        ArgumentDefinition.option("connect-timeout", valueName: "DURATION", help: "Give up.")
      ]
      init(values: ParsedValues) throws(ValidationError) {}
      func run() -> Int32 { 0 }
    }
    let text = HelpRenderer(width: 80).render(CommandSpec(Long.self))
    #expect(HelpRenderer.label(for: definition) == "--connect-timeout DURATION")
    #expect(text.contains("  --connect-timeout DURATION\n                            Give up.\n"))
  }

  @Test func usageLines() throws {
    #expect(HelpRenderer.usageLine(for: root) == "tool <subcommand> [options]")
    let serve = try #require(root.subcommand(named: "serve"))
    #expect(HelpRenderer.usageLine(for: serve) == "tool serve [options] FILES...")
    let help = try #require(root.subcommand(named: "help"))
    #expect(HelpRenderer.usageLine(for: help) == "tool help [options] [SUBCOMMAND]")
  }

  @Test func configuredUsageWins() {
    struct Custom: ParsableCommand {
      static let configuration = CommandConfiguration(commandName: "c", usage: "c [magic]")
      init(values: ParsedValues) throws(ValidationError) {}
      func run() -> Int32 { 0 }
    }
    #expect(HelpRenderer.usageLine(for: CommandSpec(Custom.self)) == "c [magic]")
  }

  @Test func narrowWidthsAreRaisedToAMinimum() {
    #expect(HelpRenderer(width: 5).width == 40)
  }
}
