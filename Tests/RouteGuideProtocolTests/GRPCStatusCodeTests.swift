import RouteGuideProtocol
import Testing

@Suite struct GRPCStatusCodeTests {
  @Test(arguments: [
    (400, GRPCStatusCode.internal), (401, .unauthenticated), (403, .permissionDenied),
    (404, .unimplemented), (429, .unavailable), (502, .unavailable), (503, .unavailable),
    (504, .unavailable), (200, .unknown), (500, .unknown), (302, .unknown), (0, .unknown),
  ])
  func httpStatusMapping(httpStatus: Int, code: GRPCStatusCode) {
    #expect(GRPCStatusCode(httpStatus: httpStatus) == code)
  }

  @Test(arguments: [
    (HTTP2ErrorCode.refusedStream, GRPCStatusCode.unavailable), (HTTP2ErrorCode.cancel, .cancelled),
    (HTTP2ErrorCode.enhanceYourCalm, .resourceExhausted),
    (HTTP2ErrorCode.inadequateSecurity, .permissionDenied), (HTTP2ErrorCode.noError, .internal),
    (HTTP2ErrorCode.protocolError, .internal), (HTTP2ErrorCode.internalError, .internal),
    (HTTP2ErrorCode.flowControlError, .internal), (HTTP2ErrorCode.http11Required, .internal),
    (0xFFFF, .internal),
  ])
  func rstStreamMapping(errorCode: UInt32, code: GRPCStatusCode) {
    #expect(GRPCStatusCode(http2ErrorCode: errorCode) == code)
  }

  @Test func synthesizedStatusesNameTheirCause() {
    #expect(
      GRPCStatus(httpStatus: 404)
        == GRPCStatus(.unimplemented, "unexpected HTTP status code received from server: 404"))
    #expect(
      GRPCStatus(http2ErrorCode: 7)
        == GRPCStatus(.unavailable, "stream reset by server: REFUSED_STREAM"))
    #expect(GRPCStatus(http2ErrorCode: 0x42).message == "stream reset by server: error code 0x42")
  }

  @Test func grpcStatusValues() {
    #expect(GRPCStatusCode(grpcStatusValue: "0") == .ok)
    #expect(GRPCStatusCode(grpcStatusValue: "14") == .unavailable)
    #expect(GRPCStatusCode(grpcStatusValue: "16") == .unauthenticated)
    #expect(GRPCStatusCode(grpcStatusValue: "17") == .unknown)
    #expect(GRPCStatusCode(grpcStatusValue: "999999999") == .unknown)
    for bad in ["", " 1", "1 ", "-1", "+1", "1a", "0x1", "9999999999", "١"] {
      #expect(GRPCStatusCode(grpcStatusValue: bad) == nil, "\(bad)")
    }
  }

  @Test func namesAndValues() {
    #expect(GRPCStatusCode.allCases.count == 17)
    #expect(GRPCStatusCode.deadlineExceeded.name == "DEADLINE_EXCEEDED")
    #expect(GRPCStatusCode.allCases.map(\.rawValue) == Array(0...16))
    #expect(HTTP2ErrorCode.name(HTTP2ErrorCode.http11Required) == "HTTP_1_1_REQUIRED")
  }
}
