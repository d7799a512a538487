import ArgumentParsing
import Glibc

/// Writes rg's diagnostics to stderr directly, unbuffered, so they interleave correctly with
/// stdout that the OutputSink already flushed.
///
/// Every line goes through TerminalText: much of what rg reports comes from the peer or the
/// user (a status message, a header value, a file name), and one diagnostic must stay one line
/// that cannot drive the terminal.
enum ClientDiagnostics {
  /// Prints `rg: <text>` as one line.
  static func error(_ text: String) {
    line("rg: " + text)
  }

  /// Prints `text` as one line, control characters escaped (for -v and `rg serve`).
  static func line(_ text: String) {
    write(TerminalText.escaped(text) + "\n")
  }

  private static func write(_ text: String) {
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
