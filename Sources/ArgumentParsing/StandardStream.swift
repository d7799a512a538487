import Glibc

/// Writes text straight to a file descriptor, without stdio buffering or globals.
enum StandardStream {
  /// Writes all of `text`; gives up quietly when the reader is gone (EPIPE) or on other errors,
  /// since there is nowhere left to report them.
  static func write(_ text: String, to descriptor: Int32) {
    var bytes = Array(text.utf8)
    var offset = 0
    bytes.withUnsafeMutableBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      while offset < buffer.count {
        let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
        if written < 0, errno == EINTR { continue }
        guard written > 0 else { return }
        offset += written
      }
    }
  }
}
