import RouteGuideProtocol

// Compression on the server side (gRPC's compression spec): a request in an encoding the
// server does not support is UNIMPLEMENTED, with grpc-accept-encoding saying what it supports;
// responses use the server's encoding only for clients that list it in grpc-accept-encoding.

extension HTTP2ServerConnection {
  /// How the call reads compressed requests; nil when their encoding is not supported, in
  /// which case the stream was answered.
  func requestEncoding(streamID: Int32, _ headers: [(name: String, value: String)])
    -> MessageEncoding?
  {
    let encoding = codecs.encoding(forHeader: headers.first { $0.name == "grpc-encoding" }?.value)
    guard case .unsupported(let name, let supported) = encoding else { return encoding }
    let accepted = supported.isEmpty ? "identity" : "identity, \(supported)"
    let status = GRPCStatus(
      .unimplemented,
      "grpc-encoding \"\(name.prefix(40))\" is not supported (this server accepts \(accepted))")
    reject(
      streamID: streamID, httpStatus: 200, status,
      extraHeaders: [("grpc-accept-encoding", supported.isEmpty ? "identity" : supported)])
    return nil
  }

  /// The codec for the call's responses: the server's, if the client accepts it.
  func responseCodec(for headers: [(name: String, value: String)]) -> (any MessageCodec)? {
    guard let responseCodec,
      let accepted = headers.first(where: { $0.name == "grpc-accept-encoding" })?.value,
      MessageCodecs.list(accepted, contains: responseCodec.name)
    else { return nil }
    return responseCodec
  }
}
