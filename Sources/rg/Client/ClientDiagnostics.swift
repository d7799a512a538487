import Glibc

/// Writes rg's diagnostics to stderr directly, unbuffered, so they interleave correctly with
/// stdout that the OutputSink already flushed.
enum ClientDiagnostics {
  /// Prints `rg: <text>` as one line.
  static func error(_ text: String) {
    write("rg: " + text + "\n")
  }

  /// Prints a line as is (for -v).
  static func write(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let count = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
      if count > 0 {
        bytes = bytes.dropFirst(count)
      } else if count < 0 && errno == EINTR {
        continue
      } else if count < 0 && errno == EAGAIN {
        // stderr may share a pipe with stdout, which OutputSink made non-blocking.
        var ready = pollfd(fd: 2, events: Int16(POLLOUT), revents: 0)
        _ = poll(&ready, 1, 1000)
      } else {
        return  // stderr is gone: nothing better to do with a diagnostic.
      }
    }
  }
}
