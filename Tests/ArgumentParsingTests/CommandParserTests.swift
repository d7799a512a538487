import Testing

@testable import ArgumentParsing

@Suite struct CommandParserTests {
  let parser = CommandParser(SampleRoot.self)

  @Test func selectsTheSubcommandAndBuildsIt() throws {
    let fetch = try #require(fetchValues(["--timeout", "5s", "-v", "h:2"]))
    #expect(fetch.timeout == 5)
    #expect(fetch.values.flag("verbose"))
    #expect(fetch.values.string("address") == "h:2")
    #expect(fetch.run() == 7)
  }

  @Test func defaultsAndEnvironmentFillAbsentValues() throws {
    let plain = try #require(fetchValues([]))
    #expect(plain.timeout == 10)
    #expect(plain.values.string("address") == "localhost:1")
    let fromEnvironment = try #require(fetchValues([], environment: ["TOOL_ADDRESS": "e:3"]))
    #expect(fromEnvironment.values.string("address") == "e:3")
    let given = try #require(fetchValues(["c:4"], environment: ["TOOL_ADDRESS": "e:3"]))
    #expect(given.values.string("address") == "c:4")
  }

  /// The bytes of argv reach a command that reads them; text values and names read as before.
  @Test func parsesArgumentBytes() throws {
    let json: [UInt8] = [0x7B, 0xFF, 0x7D]
    let outcome = parser.parse(
      bytes: [Array("fetch".utf8), Array("-vd".utf8) + json, Array("h:1".utf8)])
    guard case .run(let command, _) = outcome, let fetch = command as? SampleFetch else {
      Issue.record("not run: \(outcome)")
      return
    }
    #expect(fetch.values.bytes("data") == json)
    #expect(fetch.values.string("data") == "{\u{FFFD}}")
    #expect(fetch.values.flag("verbose"))
    #expect(fetch.values.string("address") == "h:1")
  }

  @Test func textValueThatIsNotUTF8IsAUsageError() {
    let outcome = parser.parse(bytes: [Array("fetch".utf8), Array("--timeout".utf8), [0x35, 0xFF]])
    guard case .usageError(let error) = outcome else {
      Issue.record("no usage error: \(outcome)")
      return
    }
    #expect(error.message == "invalid --timeout '5\\xFF': byte 0xFF at position 2 is not UTF-8")
    #expect(error.command.path == ["tool", "fetch"])
  }

  @Test func helpInAllItsForms() {
    for words in [
      ["fetch", "--help"], ["fetch", "-h"], ["help", "fetch"], ["fetch", "-x", "-h"],
    ] {
      guard case .help(let command) = parser.parse(words) else {
        Issue.record("no help for \(words)")
        continue
      }
      #expect(command.path == ["tool", "fetch"])
    }
    guard case .help(let root) = parser.parse(["help"]) else {
      Issue.record("no root help")
      return
    }
    #expect(root.path == ["tool"])
  }

  @Test func helpAfterTerminatorIsAPositional() {
    guard case .run(let command, _) = parser.parse(["fetch", "--", "-h"]) else {
      Issue.record("not run")
      return
    }
    #expect((command as? SampleFetch)?.values.string("address") == "-h")
  }

  @Test func helpOfHelp() {
    guard case .help(let command) = parser.parse(["help", "help"]) else {
      Issue.record("no help")
      return
    }
    #expect(command.isBuiltInHelp)
  }

  @Test func helpForAnUnknownSubcommand() {
    #expect(usageMessage(["help", "fetc"]) == "unknown subcommand 'fetc'; did you mean 'fetch'?")
  }

  @Test func versionOnTheRoot() {
    guard case .version(let text) = parser.parse(["--version"]) else {
      Issue.record("no version")
      return
    }
    #expect(text == "tool 1.2.3")
    #expect(usageMessage(["fetch", "--version"]) == "unknown option --version")
  }

  @Test func subcommandErrors() {
    #expect(usageMessage([]) == "missing subcommand (one of: fetch, serve, help)")
    #expect(usageMessage(["fecth"]) == "unknown subcommand 'fecth'; did you mean 'fetch'?")
    #expect(usageMessage(["zzz"]) == "unknown subcommand 'zzz'")
    #expect(usageMessage(["--timeout"]) == "unknown option --timeout")
  }

  @Test func conversionErrorsNameTheArgumentAndTheText() {
    #expect(
      usageMessage(["fetch", "--timeout", "0s"])
        == "invalid --timeout '0s': expected whole seconds like 5s")
    #expect(
      usageMessage(["serve", "--port", "x", "f"]) == "invalid --port 'x': not a whole number")
  }

  @Test func validateRunsAfterConstruction() {
    #expect(usageMessage(["fetch", "--plaintext", "-k"]) == "--insecure needs TLS")
  }

  @Test func usageErrorKeepsTheCommandItHappenedIn() {
    guard case .usageError(let error) = parser.parse(["serve"]) else {
      Issue.record("no error")
      return
    }
    #expect(error.message == "missing FILES")
    #expect(error.command.path == ["tool", "serve"])
  }
}
