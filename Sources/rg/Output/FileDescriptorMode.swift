import Glibc

/// A descriptor switched to non-blocking mode, and the flags to put back when rg is done.
///
/// The flag lives on the open file description, which a shell pipeline may share with other
/// processes, so it is only set where a blocking write could stall the event loop (pipes and
/// sockets) and always restored.
struct FileDescriptorMode {
  let fd: Int32
  let savedFlags: Int32

  /// Makes `fd` non-blocking if it is a pipe or a socket; nil (unchanged) otherwise.
  static func makeNonBlockingIfPipe(_ fd: Int32) -> FileDescriptorMode? {
    var info = stat()
    guard fstat(fd, &info) == 0 else { return nil }
    let type = info.st_mode & S_IFMT
    guard type == S_IFIFO || type == S_IFSOCK else { return nil }
    let flags = fcntl(fd, F_GETFL)
    guard flags >= 0, flags & O_NONBLOCK == 0 else { return nil }
    guard fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else { return nil }
    return FileDescriptorMode(fd: fd, savedFlags: flags)
  }

  func restore() {
    _ = fcntl(fd, F_SETFL, savedFlags)
  }
}
