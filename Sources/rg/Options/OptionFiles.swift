import Glibc

/// Checks that the files named by options can be read before OpenSSL opens them: its error
/// queue says `system lib`, where the user needs the option, the file and errno's text.
enum OptionFiles {
  /// `cannot read --OPTION FILE: why` for the first given file that cannot be read, else nil.
  static func problem(_ files: [(option: String, path: String?)]) -> String? {
    for case (let option, let path?) in files {
      if let why = whyUnreadable(path) { return "cannot read \(option) \(path): \(why)" }
    }
    return nil
  }

  /// errno's text when `path` does not open for reading or is a directory; nil when it can be
  /// read. O_NONBLOCK: a named pipe without a writer must not hang rg here.
  static func whyUnreadable(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { return text(errno) }
    defer { _ = close(fd) }
    var status = stat()
    if fstat(fd, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR { return text(EISDIR) }
    return nil
  }

  private static func text(_ code: Int32) -> String {
    strerror(code).map { String(cString: $0) } ?? "error \(code)"
  }
}
