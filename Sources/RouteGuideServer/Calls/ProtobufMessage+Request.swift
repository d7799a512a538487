import RouteGuideProtocol

extension ProtobufMessage {
  /// Decodes a request payload; a malformed one is INTERNAL, as grpc-java and grpc-go answer
  /// a request they cannot parse.
  static func decodeRequest(_ payload: [UInt8]) throws(GRPCStatus) -> Self {
    do {
      return try Self(protobuf: payload)
    } catch {
      throw GRPCStatus(.internal, "cannot decode \(Self.self) request: \(error)")
    }
  }
}
