import ArgumentParsing
import RouteGuideProtocol

/// `rg chat`: RouteChat, RouteNotes in and out at the same time.
struct ChatCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "chat",
    abstract: "RouteChat: RouteNotes in and out at the same time (full duplex).",
    discussion: """
      Sends each RouteNote read from stdin (or -d) as soon as it parses and prints the notes \
      the server sends back as they arrive, so it can be used interactively.
      """,
    examples: [
      CommandExample(
        "Chat interactively: type one note per line",
        "rg chat --plaintext localhost:50051"),
      CommandExample(
        "Send one note",
        "rg chat -d '{\"location\": {\"latitude\": 1, \"longitude\": 1}, \"message\": \"hi\"}'"),
    ])

  static var arguments: [ArgumentDefinition] { ClientOptions.arguments(for: .routeChat) }

  let options: ClientOptions

  init(values: ParsedValues) throws(ValidationError) {
    options = try ClientOptions(values: values, method: .routeChat)
  }

  func run() -> Int32 {
    ClientRunner.run(.routeChat, options)
  }
}
