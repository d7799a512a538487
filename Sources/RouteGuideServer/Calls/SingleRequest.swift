import RouteGuideProtocol

/// The one request message of a call whose client side is unary.
///
/// Zero or two-plus messages are a broken client; like grpc-java (and grpc-go since it checks
/// cardinality), the server answers INTERNAL rather than guessing which message was meant.
struct SingleRequest<Message: ProtobufMessage> {
  private var request: Message?
  private var count = 0

  /// Takes one message; the second one is an error.
  mutating func receive(_ payload: [UInt8]) throws(GRPCStatus) {
    count += 1
    guard count == 1 else {
      throw GRPCStatus(.internal, "too many requests: a unary call takes exactly one message")
    }
    request = try Message.decodeRequest(payload)
  }

  /// The request once the client half-closed; none is an error.
  func end() throws(GRPCStatus) -> Message {
    guard let request else {
      throw GRPCStatus(.internal, "half-closed without a request: a unary call takes one message")
    }
    return request
  }
}
