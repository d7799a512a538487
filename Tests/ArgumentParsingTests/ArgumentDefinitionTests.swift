import ArgumentParsing
import Testing

@Suite struct ArgumentDefinitionTests {
  @Test func displayNames() {
    #expect(ArgumentDefinition.flag("verbose", short: "v", help: "").displayName == "--verbose")
    #expect(ArgumentDefinition.positional("ADDRESS", help: "").displayName == "ADDRESS")
    let shortOnly = ArgumentDefinition(
      kind: .flag, key: "x", longName: nil, shortName: "x", valueName: "", help: "")
    #expect(shortOnly.displayName == "-x")
  }

  @Test func factoriesFillTheModel() {
    let option = ArgumentDefinition.option(
      "cacert", valueName: "FILE", help: "CA.", group: ArgumentGroup("TLS OPTIONS"),
      completion: .file(extensions: ["pem"]))
    #expect(option.kind == .option)
    #expect(option.key == "cacert")
    #expect(option.longName == "cacert")
    #expect(option.group?.title == "TLS OPTIONS")
    #expect(option.completion == .file(extensions: ["pem"]))
    #expect(option.repetition == .lastWins)
    let positional = ArgumentDefinition.positional("ADDRESS", help: "", isOptional: false)
    #expect(positional.key == "address")
    #expect(positional.isPositional)
    #expect(!positional.isOptional)
    #expect(positional.longName == nil)
  }
}
