import RouteGuideProtocol

/// What a call asks for: its method's path, metadata, deadline and receive limit.
public struct ClientCallRequest {
  public var path: String
  /// User metadata, sent after the fixed headers (wire-ready: lower-case names).
  public var metadata: [(name: String, value: String)]
  public var timeoutNanoseconds: UInt64?
  public var maxReceiveMessageSize: Int
  /// Unary response: exactly one message is allowed, delivered once the status is OK.
  public var expectsSingleResponse: Bool

  public init(
    path: String, metadata: [(name: String, value: String)] = [],
    timeoutNanoseconds: UInt64? = nil, maxReceiveMessageSize: Int = 4 << 20,
    expectsSingleResponse: Bool
  ) {
    self.path = path
    self.metadata = metadata
    self.timeoutNanoseconds = timeoutNanoseconds
    self.maxReceiveMessageSize = maxReceiveMessageSize
    self.expectsSingleResponse = expectsSingleResponse
  }

  /// The request headers (DESIGN §4): pseudo-headers first, then gRPC's, then the user's.
  func headers(authority: String, scheme: String, userAgent: String)
    -> [(name: String, value: String)]
  {
    var headers: [(name: String, value: String)] = [
      (":method", "POST"), (":scheme", scheme), (":path", path), (":authority", authority),
      ("te", "trailers"), ("content-type", "application/grpc"), ("user-agent", userAgent),
    ]
    if let timeoutNanoseconds {
      headers.append(("grpc-timeout", GRPCTimeout.encode(nanoseconds: timeoutNanoseconds)))
    }
    headers.append(contentsOf: metadata)
    return headers
  }
}
