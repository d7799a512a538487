import ArgumentParsing
import RouteGuideTransport

/// `rg serve`: a RouteGuide server.
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "A RouteGuide server: the tutorial's features built in, or --db FILE.",
    discussion: """
      Serves the four RouteGuide methods over HTTP/2, plaintext unless --tls-cert and \
      --tls-key are given, and grpc.health.v1.Health: the server ("") and each service are \
      SERVING while it runs. Prints 'listening on HOST:PORT' on stderr once it accepts \
      connections. SIGTERM, SIGINT or SIGHUP stop it gracefully: every health status turns \
      NOT_SERVING (open Watch calls get that and end), it stops accepting, lets open calls \
      finish (for at most 5 s; a second signal cuts them) and exits 0, as a server asked to \
      stop has not failed.

      What a client can make it hold is bounded, as on a public gRPC server: request headers \
      (16 KiB per call, 256 KiB per connection), connections (--max-connections; past it the \
      connection idle the longest is closed), time without calls (--max-connection-idle). A \
      client that pings more often than --min-ping-interval permits, or resets more than \
      \(ConnectionPolicy().resetBurst) streams at once or \(ConnectionPolicy().resetsPerSecond) a \
      second, gets GOAWAY ENHANCE_YOUR_CALM ('too_many_pings', \
      'too_many_resets'). Only protobuf is spoken: application/grpc+json is UNIMPLEMENTED.
      """,
    examples: [
      CommandExample("Serve the built-in features on localhost:50051", "rg serve"),
      CommandExample(
        "Serve a database with TLS on a free port",
        "rg serve --db route_guide_db.json --tls-cert server.pem --tls-key server.key --port 0"),
    ])

  static var arguments: [ArgumentDefinition] { ServeArguments.all }

  let options: ServeOptions

  init(values: ParsedValues) throws(ValidationError) {
    options = try ServeOptions(values: values)
  }

  func run() -> Int32 {
    ServeRunner.run(options)
  }
}
