import Glibc

/// The width help is wrapped to: the terminal's when stdout is one, else 80 columns.
public enum TerminalWidth {
  public static let fallback = 80

  /// Columns of the terminal on `descriptor`, or `fallback` when it is not a terminal (a pipe,
  /// a file) or reports something implausible.
  public static func of(descriptor: Int32 = STDOUT_FILENO) -> Int {
    guard isatty(descriptor) != 0 else { return fallback }
    var size = winsize()
    guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 else {
      return fallback
    }
    return Int(size.ws_col)
  }
}
