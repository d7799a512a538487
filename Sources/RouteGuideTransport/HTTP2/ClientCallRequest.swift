import RouteGuideProtocol

/// What a call asks for: its method's path, metadata, deadline, receive limit and compression.
public struct ClientCallRequest {
  public var path: String
  /// User metadata, sent after the fixed headers (wire-ready: lower-case names).
  public var metadata: [(name: String, value: String)]
  public var timeoutNanoseconds: UInt64?
  /// The largest response message taken, also once decompressed.
  public var maxReceiveMessageSize: Int
  /// Unary response: exactly one message is allowed, delivered once the status is OK.
  public var expectsSingleResponse: Bool
  /// The encodings the call decodes (advertised in `grpc-accept-encoding`); nil: identity only.
  public var codecs: MessageCodecs?
  /// The codec request messages are compressed with (sent as `grpc-encoding`); nil: identity.
  public var requestCodec: (any MessageCodec)?

  public init(
    path: String, metadata: [(name: String, value: String)] = [],
    timeoutNanoseconds: UInt64? = nil, maxReceiveMessageSize: Int = 4 << 20,
    expectsSingleResponse: Bool, codecs: MessageCodecs? = nil,
    requestCodec: (any MessageCodec)? = nil
  ) {
    self.path = path
    self.metadata = metadata
    self.timeoutNanoseconds = timeoutNanoseconds
    self.maxReceiveMessageSize = maxReceiveMessageSize
    self.expectsSingleResponse = expectsSingleResponse
    self.codecs = codecs
    self.requestCodec = requestCodec
  }

  /// The request headers (DESIGN §4): pseudo-headers first, then gRPC's, then the user's.
  func headers(authority: String, scheme: String, userAgent: String)
    -> [(name: String, value: String)]
  {
    var headers: [(name: String, value: String)] = []
    // Sized once: this runs for every call, and growing past the fixed seven reallocated.
    headers.reserveCapacity(10 + metadata.count)
    headers.append((":method", "POST"))
    headers.append((":scheme", scheme))
    headers.append((":path", path))
    headers.append((":authority", authority))
    headers.append(("te", "trailers"))
    headers.append(("content-type", "application/grpc"))
    headers.append(("user-agent", userAgent))
    if let timeoutNanoseconds {
      headers.append(("grpc-timeout", GRPCTimeout.encode(nanoseconds: timeoutNanoseconds)))
    }
    if let requestCodec { headers.append(("grpc-encoding", requestCodec.name)) }
    if let codecs, !codecs.acceptEncoding.isEmpty {
      headers.append(("grpc-accept-encoding", codecs.acceptEncoding))
    }
    headers.append(contentsOf: metadata)
    return headers
  }
}
