extension GRPCStatus {
  /// The synthesized status of a response without `grpc-status`, naming the HTTP status.
  public init(httpStatus: Int) {
    self.init(
      GRPCStatusCode(httpStatus: httpStatus),
      "unexpected HTTP status code received from server: \(httpStatus)")
  }

  /// The status of a stream the server reset, naming the HTTP/2 error code.
  public init(http2ErrorCode: UInt32) {
    self.init(
      GRPCStatusCode(http2ErrorCode: http2ErrorCode),
      "stream reset by server: \(HTTP2ErrorCode.name(http2ErrorCode))")
  }
}
