import ArgumentParsing
import RouteGuideProtocol

/// `rg get`: GetFeature, one unary call per input Point.
struct GetCommand: ClientCommand {
  static let method = RouteGuide.getFeature

  static let configuration = CommandConfiguration(
    commandName: "get",
    abstract: "GetFeature: one unary call per input Point, one Feature line out.",
    discussion: """
      Reads Points as JSON from stdin (or -d): NDJSON, one document, or documents back to \
      back. Calls run concurrently on one connection and their Features are printed in input \
      order, one compact JSON object per line.
      """,
    examples: [
      CommandExample(
        "Look up the feature at one point",
        "rg get -d '{\"latitude\": 409146138, \"longitude\": -746188906}' localhost:50051"),
      CommandExample(
        "Look up many points from a file, 16 at a time, against a local plaintext server",
        "rg get --plaintext --concurrency 16 -d @points.ndjson"),
      CommandExample(
        "Show the gRPC frames that would be sent",
        "echo '{\"latitude\": 1, \"longitude\": 2}' | rg get --dry-run"),
    ])

  let options: ClientOptions

  init(options: ClientOptions) {
    self.options = options
  }
}
