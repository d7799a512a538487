import RouteGuideProtocol

// Compression on the client side: reading the server's grpc-encoding, explaining a server that
// refuses ours, and what -v reports about both directions.

extension ClientCall {
  /// The `grpc-encoding` of the requests: `identity` or the codec's name.
  public var requestEncoding: String { requestCodec?.name ?? "identity" }

  /// The `grpc-encoding` the server declared for its responses (`identity` when it declared
  /// none or nothing arrived).
  public var responseEncoding: String {
    switch deframer.encoding {
    case .identity: "identity"
    case .compressed(let codec): codec.name
    case .unsupported(let name, _): name
    }
  }

  /// The request messages framed so far (for -v).
  public var sent: MessageByteCounts { requestBody.appended }

  /// The response messages taken so far (for -v).
  public var received: MessageByteCounts { deframer.counts }

  /// How to read the server's compressed messages when its `grpc-encoding` is `name`.
  func responseEncoding(named name: String) -> MessageEncoding {
    guard let codecs else { return .unsupported(name: name, supported: "") }
    return codecs.encoding(forHeader: name)
  }

  /// A server that does not take our request encoding answers UNIMPLEMENTED (gRPC's
  /// compression spec) and should list what it takes in `grpc-accept-encoding`: the message
  /// then names both. grpcio lists nothing, but its message names the encoding; an
  /// UNIMPLEMENTED that does neither is about something else and stays as it is.
  func explainRefusedEncoding(
    _ status: inout GRPCStatus, trailers: [(name: String, value: String)]
  ) {
    guard let requestCodec else { return }
    let name = requestCodec.name
    let accepted =
      Self.value(of: "grpc-accept-encoding", in: trailers)
      ?? Self.value(of: "grpc-accept-encoding", in: responseHeaders ?? [])
    let listed: String
    if let accepted {
      guard !MessageCodecs.list(accepted, contains: name) else { return }
      listed = "its grpc-accept-encoding: \(accepted.prefix(200))"
    } else {
      guard status.message.lowercased().containsText(name) else { return }
      listed = "it sent no grpc-accept-encoding"
    }
    let original = status.message.isEmpty ? "" : ": \(status.message)"
    status.message =
      "the server does not accept requests compressed with \(name) (\(listed))\(original)"
  }
}
