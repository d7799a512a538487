import ArgumentParsing

/// `rg serve`'s arguments, as typed keys (read in ServeOptions+Values.swift).
enum ServeArguments {
  static var all: [ArgumentDefinition] {
    [
      bind.definition, port.definition, database.definition, tlsCertificate.definition,
      tlsKey.definition, maxConcurrentStreams.definition, maxMessageSize.definition,
      maxConnections.definition, maxConnectionIdle.definition, minPingInterval.definition,
      compress.definition, sharedChat.definition, threads.definition,
    ]
  }

  static let bind = OptionKey(
    .option(
      "bind", valueName: "ADDR",
      help: "The IP address to listen on ([::] or 0.0.0.0 for all), or unix:/path for a unix "
        + "socket (a stale socket file there is replaced, anything else is not).",
      group: .server, defaultValue: "127.0.0.1"),
    parse: ServeOptions.bindAddress)
  static let port = OptionKey(
    .option(
      "port", valueName: "N", help: "The TCP port; 0 picks a free one.", group: .server,
      defaultValue: "50051"),
    parse: ServeOptions.portNumber)
  static let database = OptionKey(
    .option(
      "db", valueName: "FILE",
      help: "Serve the features in this JSON file (the tutorial's format) instead of the "
        + "built-in ones.",
      group: .server, completion: .file(extensions: ["json"])),
    parse: ClientOptions.fileName)
  static let tlsCertificate = OptionKey(
    .option(
      "tls-cert", valueName: "FILE",
      help: "Serve TLS with this PEM certificate (needs "
        + "--tls-key).", group: .server, completion: .file(extensions: [])),
    parse: ClientOptions.fileName)
  static let tlsKey = OptionKey(
    .option(
      "tls-key", valueName: "FILE", help: "The PEM private key of --tls-cert.", group: .server,
      completion: .file(extensions: [])),
    parse: ClientOptions.fileName)
  static let maxConcurrentStreams = OptionKey(
    .option(
      "max-concurrent-streams", valueName: "N",
      help: "Calls a client may have open at once on one connection.", group: .server,
      defaultValue: "100"),
    parse: ServeOptions.streamLimit)
  static let maxMessageSize = OptionKey(
    .option(
      "max-msg-size", valueName: "BYTES",
      help: "The largest request message accepted, also once decompressed (K, M, G = 1024, "
        + "1024², 1024³).",
      group: .server, defaultValue: "4M"),
    parse: ByteSizeParser.parse)
  static let maxConnections = OptionKey(
    .option(
      "max-connections", valueName: "N",
      help: "Connections open at once; past it, a new connection closes the one idle the "
        + "longest (GOAWAY), or is closed itself if all have calls open. Default: the "
        + "open-file limit (ulimit -n) minus 32.",
      group: .server),
    parse: ServeOptions.connectionLimit)
  static let maxConnectionIdle = OptionKey(
    .option(
      "max-connection-idle", valueName: "DURATION",
      help: "Close a connection without open calls after this long, with GOAWAY (gRPC "
        + "clients reconnect when they need to).",
      group: .server, defaultValue: "5m"),
    parse: DurationParser.parse)
  static let minPingInterval = OptionKey(
    .option(
      "min-ping-interval", valueName: "DURATION",
      help: "The shortest time between a client's keepalive PINGs that the server permits "
        + "(gRPC's permit keepalive time); after three PINGs sooner than that, with no "
        + "response data sent in between, the connection ends with GOAWAY ENHANCE_YOUR_CALM "
        + "'too_many_pings'.",
      group: .server, defaultValue: "5m"),
    parse: DurationParser.parse)
  static let compress = OptionKey(
    .option(
      "compress", valueName: "ALGORITHM",
      help: "Compress response messages for clients that accept it (their "
        + "grpc-accept-encoding); a message that would not shrink goes as it is. Compressed "
        + "requests are read whatever this says.",
      group: .server, defaultValue: "identity", completion: .choices(CompressionChoice.names)),
    parse: CompressionChoice.parse)
  static let sharedChat = FlagKey(
    .flag(
      "shared-chat",
      help: "Let RouteChat calls see the notes of all calls, not only their own.",
      group: .server))
  static let threads = OptionKey(
    .option(
      "threads", valueName: "N",
      help: "Event loops to serve on, each on its own thread; connections are spread over "
        + "them. Default: one per processor this process may use.",
      group: .server),
    parse: ServeOptions.threadCount)
}
