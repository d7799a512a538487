import Testing

@testable import ArgumentParsing

@Suite struct ParseErrorTests {
  let timeout = ArgumentDefinition.option("timeout", valueName: "DURATION", help: "")
  let address = ArgumentDefinition.positional("ADDRESS", help: "")

  @Test func messages() {
    #expect(
      ParseError.unknownOption("--timout", suggestion: "--timeout").description
        == "unknown option --timout; did you mean --timeout?")
    #expect(ParseError.unknownOption("-x", suggestion: nil).description == "unknown option -x")
    #expect(ParseError.missingValue(timeout).description == "missing value for --timeout DURATION")
    #expect(ParseError.unexpectedValue(timeout).description == "--timeout does not take a value")
    #expect(ParseError.repeated(timeout).description == "--timeout may be given only once")
    #expect(ParseError.unexpectedArgument("b").description == "unexpected argument 'b'")
    #expect(ParseError.missingArgument(address).description == "missing ADDRESS")
    #expect(
      ParseError.unknownSubcommand("gt", suggestion: "get").description
        == "unknown subcommand 'gt'; did you mean 'get'?")
    #expect(
      ParseError.missingSubcommand(["a", "b"]).description == "missing subcommand (one of: a, b)")
  }
}
