import ArgumentParsing
import Testing

@Suite struct CommandSpecTests {
  let root = CommandSpec(SampleRoot.self)

  @Test func walksTheTreeWithPaths() {
    #expect(
      root.allCommands.map(\.commandLine) == ["tool", "tool fetch", "tool serve", "tool help"])
    #expect(root.subcommand(named: "serve")?.path == ["tool", "serve"])
    #expect(root.subcommand(named: "nope") == nil)
  }

  @Test func addsBuiltInArguments() {
    #expect(root.arguments.compactMap(\.longName) == ["version", "help"])
    let fetch = root.subcommand(named: "fetch")
    #expect(fetch?.arguments.last?.longName == "help")
    #expect(fetch?.arguments.last?.shortName == "h")
    #expect(fetch?.arguments.contains { $0.longName == "version" } == false)
  }

  @Test func builtInHelpCompletesSubcommandNames() throws {
    let help = try #require(root.subcommand(named: "help"))
    #expect(help.isBuiltInHelp)
    #expect(help.arguments.first?.completion == .choices(["fetch", "serve"]))
    #expect(root.subcommand(named: "fetch")?.isBuiltInHelp == false)
  }

  @Test func hiddenArgumentsAreLeftOutOfTheVisibleOnes() throws {
    let fetch = try #require(root.subcommand(named: "fetch"))
    #expect(fetch.arguments.contains { $0.key == "secret" })
    #expect(!fetch.visibleArguments.contains { $0.key == "secret" })
  }
}
