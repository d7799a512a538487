extension GRPCStatusCode {
  /// The status for a response without `grpc-status`, from its HTTP status (200 included:
  /// a 200 without `grpc-status` is still not a successful call).
  public init(httpStatus: Int) {
    switch httpStatus {
    case 400: self = .internal
    case 401: self = .unauthenticated
    case 403: self = .permissionDenied
    case 404: self = .unimplemented
    case 429, 502, 503, 504: self = .unavailable
    default: self = .unknown
    }
  }

  /// The status for a stream the peer reset with RST_STREAM and this HTTP/2 error code.
  public init(http2ErrorCode: UInt32) {
    switch http2ErrorCode {
    case HTTP2ErrorCode.refusedStream: self = .unavailable
    case HTTP2ErrorCode.cancel: self = .cancelled
    case HTTP2ErrorCode.enhanceYourCalm: self = .resourceExhausted
    case HTTP2ErrorCode.inadequateSecurity: self = .permissionDenied
    default: self = .internal
    }
  }

  /// Parses a `grpc-status` value: nil unless it is a decimal number; codes above 16 are
  /// UNKNOWN, as gRPC libraries read them.
  public init?(grpcStatusValue value: String) {
    let digits = value.utf8
    guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
    else { return nil }
    let number = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    self = GRPCStatusCode(rawValue: number) ?? .unknown
  }
}
