import ArgumentParsing
import RouteGuideProtocol

/// `rg list`: ListFeatures, one Rectangle in, a stream of Features out.
struct ListCommand: ClientCommand {
  static let method = RouteGuide.listFeatures

  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "ListFeatures: one Rectangle in, a stream of Feature lines out.",
    discussion: """
      Reads one Rectangle as JSON from stdin (or -d) and prints every Feature inside it as it \
      arrives, one compact JSON object per line.
      """,
    examples: [
      CommandExample(
        "List the features in a rectangle",
        "rg list -d '{\"lo\": {\"latitude\": 400000000, \"longitude\": -750000000}, "
          + "\"hi\": {\"latitude\": 420000000, \"longitude\": -730000000}}' localhost:50051"),
      CommandExample(
        "Print only the first feature's name",
        "rg list -d @rect.json | head -1 | jq -r .name"),
    ])

  let options: ClientOptions

  init(options: ClientOptions) {
    self.options = options
  }
}
