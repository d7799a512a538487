import ArgumentParsing
import RouteGuideProtocol

/// `rg record`: RecordRoute, a stream of Points in, one RouteSummary out.
struct RecordCommand: ClientCommand {
  static let method = RouteGuide.recordRoute

  static let configuration = CommandConfiguration(
    commandName: "record",
    abstract: "RecordRoute: a stream of Points in, one RouteSummary line out.",
    discussion: """
      Streams each Point read from stdin (or -d) as soon as it parses, and prints the \
      server's RouteSummary when the input ends. Bad input cancels the call rather than \
      sending a truncated route.
      """,
    examples: [
      CommandExample("Record a route from a file", "rg record -d @route.ndjson localhost:50051"),
      CommandExample(
        "Record two points over a unix socket",
        "printf '{\"latitude\": 1}\\n{\"latitude\": 2}\\n' | rg record --plaintext unix:/tmp/rg.sock"
      ),
    ])

  let options: ClientOptions

  init(options: ClientOptions) {
    self.options = options
  }
}
