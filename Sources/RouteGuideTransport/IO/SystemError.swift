import Glibc

/// Turns errno values into the text of user-facing messages.
enum SystemError {
  static func text(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }

  /// The error class a failed socket call means for a call: peer trouble is UNAVAILABLE.
  static func kind(_ code: Int32) -> TransportError.Kind {
    switch code {
    case ECONNRESET, EPIPE, ECONNREFUSED, ECONNABORTED, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH,
      ENETDOWN, EHOSTDOWN, ENOTCONN:
      .unavailable
    default:
      .io
    }
  }
}
