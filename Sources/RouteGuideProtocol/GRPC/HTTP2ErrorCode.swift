/// HTTP/2 error codes (RFC 9113 §7) as sent in RST_STREAM and GOAWAY.
public enum HTTP2ErrorCode {
  public static let noError: UInt32 = 0x0
  public static let protocolError: UInt32 = 0x1
  public static let internalError: UInt32 = 0x2
  public static let flowControlError: UInt32 = 0x3
  public static let settingsTimeout: UInt32 = 0x4
  public static let streamClosed: UInt32 = 0x5
  public static let frameSizeError: UInt32 = 0x6
  public static let refusedStream: UInt32 = 0x7
  public static let cancel: UInt32 = 0x8
  public static let compressionError: UInt32 = 0x9
  public static let connectError: UInt32 = 0xA
  public static let enhanceYourCalm: UInt32 = 0xB
  public static let inadequateSecurity: UInt32 = 0xC
  public static let http11Required: UInt32 = 0xD

  /// The RFC name of `code`, e.g. `REFUSED_STREAM`, or its hex value when unknown.
  public static func name(_ code: UInt32) -> String {
    let names = [
      "NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT",
      "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL", "COMPRESSION_ERROR",
      "CONNECT_ERROR", "ENHANCE_YOUR_CALM", "INADEQUATE_SECURITY", "HTTP_1_1_REQUIRED",
    ]
    guard code < names.count else { return "error code 0x" + String(code, radix: 16) }
    return names[Int(code)]
  }
}
