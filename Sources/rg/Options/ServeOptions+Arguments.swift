import ArgumentParsing

/// The declarations of `rg serve`'s arguments.
extension ServeOptions {
  static let arguments: [ArgumentDefinition] = [
    .option(
      "bind", valueName: "ADDR", help: "The IP address to listen on ([::] or 0.0.0.0 for all).",
      group: .server, defaultValue: "127.0.0.1"),
    .option(
      "port", valueName: "N", help: "The TCP port; 0 picks a free one.", group: .server,
      defaultValue: "50051"),
    .option(
      "db", valueName: "FILE",
      help: "Serve the features in this JSON file (the tutorial's format) instead of the "
        + "built-in ones.",
      group: .server, completion: .file(extensions: ["json"])),
    .option(
      "tls-cert", valueName: "FILE",
      help: "Serve TLS with this PEM certificate (needs "
        + "--tls-key).", group: .server, completion: .file(extensions: [])),
    .option(
      "tls-key", valueName: "FILE", help: "The PEM private key of --tls-cert.", group: .server,
      completion: .file(extensions: [])),
    .option(
      "max-concurrent-streams", valueName: "N",
      help: "Calls a client may have open at once on one connection.", group: .server,
      defaultValue: "100"),
    .option(
      "max-msg-size", valueName: "BYTES",
      help: "The largest request message accepted (K, M, G = 1024, 1024², 1024³).",
      group: .server, defaultValue: "4M"),
    .flag(
      "shared-chat",
      help: "Let RouteChat calls see the notes of all calls, not only their own.",
      group: .server),
  ]
}
