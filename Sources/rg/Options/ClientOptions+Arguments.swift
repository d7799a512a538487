import ArgumentParsing
import RouteGuideProtocol

/// The declarations of the client subcommands' arguments, shared by get, list, record and chat.
extension ClientOptions {
  static func arguments(for method: RouteGuideMethod) -> [ArgumentDefinition] {
    var call = callArguments
    if method == .getFeature { call += getArguments }
    return [address] + connectionArguments + tlsArguments + call + outputArguments
  }

  static let address = ArgumentDefinition.positional(
    "ADDRESS",
    help: "The server: host:port, [v6]:port, unix:/path, http://host:port (plaintext) or "
      + "https://host[:port].",
    defaultValue: AddressParser.defaultAddress, environmentVariable: "RG_ADDRESS")

  static let connectionArguments: [ArgumentDefinition] = [
    .flag(
      "plaintext", help: "Speak HTTP/2 without TLS (also implied by an http:// address).",
      group: .connection),
    .option(
      "connect-timeout", valueName: "DURATION",
      help: "Give up when the connection and TLS handshake take longer.",
      group: .connection, defaultValue: defaultConnectTimeout),
    .option(
      "authority", valueName: "NAME", help: "The :authority to send instead of ADDRESS.",
      group: .connection),
    .option(
      "keepalive", valueName: "DURATION",
      help: "Send an HTTP/2 PING whenever the server has been silent this long while a call "
        + "waits (default: after 10s of silence, then at most every 5m).",
      group: .connection),
    .option(
      "keepalive-timeout", valueName: "DURATION",
      help: "End the run with UNAVAILABLE when nothing arrives this long after a PING.",
      group: .connection, defaultValue: defaultKeepaliveTimeout),
  ]

  static let tlsArguments: [ArgumentDefinition] = [
    .flag(
      "insecure", short: "k", help: "Skip the verification of the server's certificate and name.",
      group: .tls),
    .option(
      "cacert", valueName: "FILE",
      help: "Trust the CA certificates in this PEM file instead of the system's.", group: .tls,
      completion: .file(extensions: [])),
    .option(
      "cert", valueName: "FILE", help: "Present this PEM client certificate (mutual TLS).",
      group: .tls, completion: .file(extensions: [])),
    .option(
      "key", valueName: "FILE", help: "The PEM private key of --cert.", group: .tls,
      completion: .file(extensions: [])),
    .option(
      "servername", valueName: "NAME",
      help: "The name sent as SNI and verified in the certificate, instead of ADDRESS's host.",
      group: .tls),
  ]

  static let callArguments: [ArgumentDefinition] = [
    .option(
      "data", short: "d", valueName: "JSON|@FILE|@-",
      help: "The input: JSON text, @FILE to read a file, or @- for stdin (the default).",
      group: .call, repetition: .once, completion: .file(extensions: []), acceptsBytes: true),
    .option(
      "header", short: "H", valueName: "'NAME: VALUE'",
      help: "Send this metadata; for names ending in -bin give the raw bytes, rg sends them "
        + "base64-encoded.",
      group: .call, repetition: .accumulate, acceptsBytes: true),
    .option(
      "timeout", valueName: "DURATION",
      help: "Deadline of each call (250ms, 5s, 1.5m, 1h), sent as grpc-timeout.", group: .call),
    .option(
      "max-msg-size", valueName: "BYTES",
      help: "The largest response message accepted (K, M, G = 1024, 1024², 1024³).",
      group: .call, defaultValue: defaultMaxMessageSize),
    .flag(
      "allow-unknown-fields", help: "Skip input JSON members that name no field.", group: .call),
  ]

  static let getArguments: [ArgumentDefinition] = [
    .option(
      "concurrency", valueName: "N",
      help: "Calls in flight at once (never more than the "
        + "server allows).", group: .call, defaultValue: defaultConcurrency),
    .flag(
      "dry-run", help: "Print each request's method and gRPC frame in hex instead of calling.",
      group: .call),
  ]

  static let outputArguments: [ArgumentDefinition] = [
    .flag(
      "emit-defaults", help: "Print fields that hold their default value (0, \"\").", group: .output
    ),
    .flag(
      "proto-names", help: "Print the proto field names (point_count) instead of lowerCamelCase.",
      group: .output),
    .flag(
      "verbose", short: "v", help: "Log headers, trailers and timing on stderr.", group: .output),
  ]
}
