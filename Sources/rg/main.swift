import ArgumentParsing
import Glibc

/// `rg`: the root command; it only selects a subcommand.
struct RGCommand: ParsableCommand {
  static var configuration: CommandConfiguration {
    CommandConfiguration(
      commandName: "rg",
      abstract: "A scriptable gRPC client (and server) for the RouteGuide service.",
      discussion: """
        JSON in on stdin, one compact JSON object per line out. TLS with verification unless \
        --plaintext or an http:// address. ADDRESS defaults to $RG_ADDRESS, else \
        localhost:50051.

        Exit status: 0 every call ended OK; 1 I/O, TLS or internal error, or rg describe \
        --check found differences; 2 usage error; 3 bad input; 4 rg health: the server says \
        it is not serving; 64+N a call ended with \
        gRPC status N (78 UNAVAILABLE also when the server cannot be reached); 130, 143, 129 \
        interrupted by SIGINT, SIGTERM, SIGHUP. 0, 2 and 64+N are grpcurl's codes; grpcurl \
        exits 1 for bad input and for a server it cannot reach.
        """,
      version: RGVersion.text,
      examples: [
        CommandExample(
          "Look up one feature", "rg get -d '{\"latitude\": 409146138, \"longitude\": -746188906}'"),
        CommandExample(
          "Run a local server and talk to it",
          "rg serve & echo '{\"latitude\": 409146138, \"longitude\": -746188906}' | rg get "
            + "--wait-for-ready http://localhost:50051"),
      ],
      subcommands: [
        GetCommand.self, ListCommand.self, RecordCommand.self, ChatCommand.self,
        HealthCommand.self, DescribeCommand.self, ServeCommand.self, CompletionsCommand.self,
        ManCommand.self,
      ])
  }

  init(values: ParsedValues) throws(ValidationError) {}

  func run() -> Int32 { 0 }
}

// A closed stdout is a quiet success (DESIGN §3), not death by signal.
signal(SIGPIPE, SIG_IGN)
// argv as the bytes given: `-d` JSON and `-bin` header values are data, and
// CommandLine.arguments would replace invalid UTF-8 in them with U+FFFD.
exit(CommandRunner.run(RGCommand.self, argc: CommandLine.argc, argv: CommandLine.unsafeArgv))
