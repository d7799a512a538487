import COpenSSL

/// Reads OpenSSL's thread-local error queue into message text.
enum OpenSSLErrors {
  /// Called before each SSL call so stale errors never explain a new failure.
  static func clear() {
    ERR_clear_error()
  }

  /// The reasons queued since the last `clear`, oldest first, and empties the queue.
  static func drain() -> [String] {
    var reasons: [String] = []
    while case let code = ERR_get_error(), code != 0 {
      reasons.append(text(code))
    }
    return reasons
  }

  /// The queued reasons joined for a message, or `fallback` when the queue is empty.
  static func message(fallback: String) -> String {
    let reasons = drain()
    return reasons.isEmpty ? fallback : reasons.joined(separator: ": ")
  }

  private static func text(_ code: UInt) -> String {
    if let reason = ERR_reason_error_string(code) { return String(cString: reason) }
    var buffer = [CChar](repeating: 0, count: 256)
    ERR_error_string_n(code, &buffer, buffer.count)
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
