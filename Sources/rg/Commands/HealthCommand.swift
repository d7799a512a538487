import ArgumentParsing
import RouteGuideProtocol

/// `rg health`: the gRPC Health Checking Protocol, the CI smoke check.
struct HealthCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "health",
    abstract: "grpc.health.v1 Check (--wait, --watch): is the server serving?",
    discussion: """
      Asks the server's grpc.health.v1.Health service about --service (default: the whole \
      server) and prints the answer as one JSON line, e.g. {"status":"SERVING"}. Exit status \
      0 when SERVING, 4 when the server answers NOT_SERVING, UNKNOWN or SERVICE_UNKNOWN (a \
      Check of a service it does not know), 64+N for another gRPC error (76 UNIMPLEMENTED: the \
      server has no health service), 78 when it cannot be reached.

      --wait keeps asking until SERVING (connection refused, UNAVAILABLE and not-serving \
      answers are tried again with backoff) or until --timeout runs out, then reports the \
      last reason. --watch prints every status change until the server ends the stream.
      """,
    examples: [
      CommandExample(
        "Wait in a CI job until a freshly started server is up, then call it",
        "rg serve --port 50051 & rg health --wait --timeout 30s http://localhost:50051 && "
          + "rg get -d '{\"latitude\": 409146138, \"longitude\": -746188906}' "
          + "http://localhost:50051"),
      CommandExample(
        "Watch one service's status", "rg health --watch --service routeguide.RouteGuide"),
    ])

  static var arguments: [ArgumentDefinition] { HealthOptions.arguments }
  static var environment: [EnvironmentKey] { ClientArguments.environment }

  let options: HealthOptions

  init(values: ParsedValues) throws(ValidationError) {
    options = try HealthOptions(values: values)
  }

  func run() -> Int32 {
    HealthRunner.run(options)
  }
}
