import Testing

@testable import rg

@Suite struct ServeCommandTests {
  @Test func parsesServeOptions() {
    let command = parsedCommand(["serve", "--port", "0", "--shared-chat"]) as? ServeCommand
    #expect(command?.options.port == 0)
    #expect(command?.options.sharedChat == true)
  }

  @Test func takesNoAddress() {
    #expect(!ServeCommand.arguments.contains { $0.isPositional })
  }
}
