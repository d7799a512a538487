import ArgumentParsing
import RouteGuideProtocol

/// `rg chat`: RouteChat, RouteNotes in and out at the same time.
struct ChatCommand: ClientCommand {
  static let method = RouteGuide.routeChat

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

  let options: ClientOptions

  init(options: ClientOptions) {
    self.options = options
  }
}
