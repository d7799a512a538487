import ArgumentParsing
import RouteGuideProtocol

/// `rg describe`: a server's services and schema over gRPC server reflection.
struct DescribeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "describe",
    abstract: "Services and schema over server reflection; --check: does it speak RouteGuide?",
    discussion: """
      Asks the server's reflection service (grpc.reflection.v1, else v1alpha). Without \
      SYMBOL it prints the services the server exports, one per line; with SYMBOL the \
      definition of that service, method, message or enum as proto source, as grpcurl \
      describe prints it. --format json prints one JSON object per symbol instead. One word \
      alone is the SYMBOL when it has no colon (every ADDRESS has one): the address is then \
      $RG_ADDRESS or the default.

      --check compares the server's routeguide.RouteGuide with the one rg speaks: the four \
      methods' paths and call shapes, and the field numbers and types of every message they \
      carry. It prints one line per difference, e.g. "routeguide.Point.latitude: server has \
      field 1 as int64, rg speaks int32", and nothing when they fit.

      Without --timeout the exchange may take 30s. Exit status: 0 done (--check: the server \
      fits); 1 --check found differences (also I/O and TLS errors); 64+N a gRPC error: 69 \
      NOT_FOUND, the server does not know SYMBOL; 76 UNIMPLEMENTED, the server has no \
      reflection service; 77 INTERNAL, its answers make no sense; 78 it cannot be reached.
      """,
    examples: [
      CommandExample("List the services of a local rg serve", "rg describe http://localhost:50051"),
      CommandExample(
        "Show a message's fields", "rg describe http://localhost:50051 routeguide.Point"),
      CommandExample(
        "Check in CI that a server speaks the RouteGuide rg speaks",
        "rg describe --check --wait-for-ready http://localhost:50051"),
    ])

  static var arguments: [ArgumentDefinition] { DescribeOptions.arguments }

  let options: DescribeOptions

  init(values: ParsedValues) throws(ValidationError) {
    options = try DescribeOptions(values: values)
  }

  func run() -> Int32 {
    DescribeRunner.run(options)
  }
}
