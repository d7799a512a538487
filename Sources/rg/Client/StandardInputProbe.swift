import Glibc

/// Tells whether stdin holds data right now, without reading any of it.
///
/// `-d` together with data on stdin is ambiguous, so it is refused. A stdin that is merely a
/// pipe is not: scripts, CI runners and ssh often hand rg an empty pipe that nobody ever writes
/// to, and `rg get -d JSON` must keep working there. So only bytes that are already waiting
/// count, and a terminal never does (what sits in it was typed for the shell, not for rg).
enum StandardInputProbe {
  /// The one-line refusal for `-d` with data on stdin.
  static let conflictMessage =
    "input given twice: -d and standard input (which holds data); use -d @- to read standard "
    + "input, or redirect it from /dev/null"

  /// A usage error when `input` is not stdin but `fd` holds data; nil when the input is clear.
  static func conflict(_ input: InputSource, stdin fd: Int32 = STDIN_FILENO) -> ClientOutcome? {
    switch input {
    case .stdin: return nil
    case .literal, .file: return holdsData(fd) ? .usage(conflictMessage) : nil
    }
  }

  /// Whether unread bytes are waiting on `fd` at this moment.
  static func holdsData(_ fd: Int32) -> Bool {
    var info = stat()
    guard fstat(fd, &info) == 0, isatty(fd) == 0 else { return false }
    switch info.st_mode & S_IFMT {
    case S_IFREG:
      let offset = lseek(fd, 0, SEEK_CUR)
      return offset >= 0 && info.st_size > offset
    case S_IFIFO, S_IFSOCK, S_IFCHR:
      return hasBytesQueued(fd)
    default:
      return false
    }
  }

  /// A closed pipe is readable too (it reads as EOF), hence the byte count after the poll;
  /// devices such as /dev/null have no count at all and hold nothing.
  private static func hasBytesQueued(_ fd: Int32) -> Bool {
    var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    guard poll(&ready, 1, 0) == 1, ready.revents & Int16(POLLIN) != 0 else { return false }
    var count: Int32 = 0
    return ioctl(fd, UInt(FIONREAD), &count) == 0 && count > 0
  }
}
