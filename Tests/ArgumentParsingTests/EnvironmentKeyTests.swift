import Testing

@testable import ArgumentParsing

/// Environment variables a command declares without an argument: captured by the parser only
/// when declared, read through ParsedValues, listed in the man page.
@Suite struct EnvironmentKeyTests {
  static let proxy = EnvironmentKey("tool_proxy", help: "The proxy the tool uses.")

  struct ProxyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tool")
    static var environment: [EnvironmentKey] { [EnvironmentKeyTests.proxy] }
    let proxy: String?
    init(values: ParsedValues) throws(ValidationError) {
      proxy = values.value(EnvironmentKeyTests.proxy)
    }
    func run() -> Int32 { 0 }
  }

  static func parsed(_ environment: [String: String]) -> ProxyCommand? {
    guard
      case .run(let command, _) = CommandParser(ProxyCommand.self).parse(
        [],
        environment: {
          environment[$0]
        })
    else { return nil }
    return command as? ProxyCommand
  }

  @Test func aDeclaredVariableIsReadEmptyCountsAsUnset() {
    #expect(Self.parsed(["tool_proxy": "p:1"])?.proxy == "p:1")
    #expect(Self.parsed(["tool_proxy": ""])?.proxy == .some(nil))
    #expect(Self.parsed([:])?.proxy == .some(nil))
  }

  @Test func onlyDeclaredVariablesAreCaptured() {
    let values = ParsedValues(definitions: [], environment: ["$tool_proxy": "p:1"])
    #expect(values.value(Self.proxy) == "p:1")
    #expect(values.value(EnvironmentKey("other", help: "")) == nil)
    #expect(CommandSpec(ProxyCommand.self).environment == [Self.proxy])
  }

  @Test func theManPageListsThem() {
    let page = ManPageGenerator(programName: "tool", content: ManPageContent(date: "2026-01-01"))
      .render(
        CommandSpec(ProxyCommand.self))
    #expect(page.contains("tool_proxy"), "\(page)")
    #expect(page.contains("The proxy the tool uses."))
  }
}
