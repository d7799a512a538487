import ArgumentParsing

/// `rg serve`: a RouteGuide server.
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "A RouteGuide server: the tutorial's features built in, or --db FILE.",
    discussion: """
      Serves the four RouteGuide methods over HTTP/2, plaintext unless --tls-cert and \
      --tls-key are given, and grpc.health.v1.Health: the server ("") and each service \
      are SERVING while it runs. Prints 'listening on HOST:PORT' on stderr once it accepts \
      connections. SIGTERM or SIGINT turn every health status NOT_SERVING (open Watch calls \
      get that and end), stop accepting and let open calls finish.
      """,
    examples: [
      CommandExample("Serve the built-in features on localhost:50051", "rg serve"),
      CommandExample(
        "Serve a database with TLS on a free port",
        "rg serve --db route_guide_db.json --tls-cert server.pem --tls-key server.key --port 0"),
    ])

  static var arguments: [ArgumentDefinition] { ServeOptions.arguments }

  let options: ServeOptions

  init(values: ParsedValues) throws(ValidationError) {
    options = try ServeOptions(values: values)
  }

  func run() -> Int32 {
    ServeRunner.run(options)
  }
}
