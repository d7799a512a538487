import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A spawned child with optional pipes, driven by poll() on the test's thread.
public final class ChildProcess {
  public let pid: pid_t
  public private(set) var stdinFD: Int32 = -1
  public private(set) var stdoutFD: Int32 = -1
  public private(set) var stderrFD: Int32 = -1
  private var exitStatus: Int32?

  /// Starts `executable`; unpiped streams go to /dev/null (stdin) or a given file path.
  public convenience init(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
    pipeStdin: Bool, pipeStdout: Bool, pipeStderr: Bool, stdoutPath: String? = nil,
    stderrPath: String? = nil
  ) throws {
    try self.init(
      executable, bytes: arguments.map { Array($0.utf8) }, environment: environment,
      pipeStdin: pipeStdin, pipeStdout: pipeStdout, pipeStderr: pipeStderr,
      stdoutPath: stdoutPath, stderrPath: stderrPath)
  }

  /// Starts `executable` with arguments given as bytes, so a test can pass what a Swift
  /// String cannot hold (invalid UTF-8); they must not contain a zero byte.
  public init(
    _ executable: String, bytes arguments: [[UInt8]], environment: [String: String]? = nil,
    pipeStdin: Bool, pipeStdout: Bool, pipeStderr: Bool, stdoutPath: String? = nil,
    stderrPath: String? = nil
  ) throws {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    var parentEnds: [Int32] = []
    var childEnds: [Int32] = []
    func plumb(_ target: Int32, piped: Bool, path: String?, childReads: Bool) throws -> Int32 {
      if piped {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SubprocessError("pipe failed") }
        // Close-on-exec, so no other child inherits this end and keeps the pipe open.
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        let (childEnd, parentEnd) = childReads ? (fds[0], fds[1]) : (fds[1], fds[0])
        posix_spawn_file_actions_adddup2(&actions, childEnd, target)
        parentEnds.append(parentEnd)
        childEnds.append(childEnd)
        return parentEnd
      }
      let file = path ?? "/dev/null"
      let flags = childReads ? O_RDONLY : (O_WRONLY | O_CREAT | O_APPEND)
      posix_spawn_file_actions_addopen(&actions, target, file, flags, 0o644)
      return -1
    }
    let inFD = try plumb(0, piped: pipeStdin, path: nil, childReads: true)
    let outFD = try plumb(1, piped: pipeStdout, path: stdoutPath, childReads: false)
    let errFD = try plumb(2, piped: pipeStderr, path: stderrPath, childReads: false)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // Its own process group, so a test can kill a whole pipeline; default signal handling.
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGPIPE)
    sigaddset(&defaults, SIGINT)
    sigaddset(&defaults, SIGTERM)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var noMask = sigset_t()
    sigemptyset(&noMask)
    posix_spawnattr_setsigmask(&attributes, &noMask)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(
      &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    let argv = [Array(executable.utf8)] + arguments
    let env = Self.withRunSettings(environment).map { Array("\($0.key)=\($0.value)".utf8) }
    var childPID: pid_t = 0
    let result = withCStrings(argv) { cArgv in
      withCStrings(env) { cEnv in
        posix_spawn(&childPID, executable, &actions, &attributes, cArgv, cEnv)
      }
    }
    for fd in childEnds { Glibc.close(fd) }
    guard result == 0 else {
      for fd in parentEnds { Glibc.close(fd) }
      throw SubprocessError("cannot start \(executable): \(String(cString: strerror(result)))")
    }
    pid = childPID
    stdinFD = inFD
    stdoutFD = outFD
    stderrFD = errFD
  }

  /// Variables that configure how every rg of a test run behaves (`make test-sanitized` sets
  /// them): a child given an environment of its own gets them too.
  static let runSettings = ["ASAN_OPTIONS", "SWIFT_BACKTRACE"]

  static func withRunSettings(
    _ environment: [String: String]?,
    inherited: [String: String] = ProcessInfo.processInfo.environment
  ) -> [String: String] {
    guard var environment else { return inherited }
    for key in runSettings where environment[key] == nil {
      environment[key] = inherited[key]
    }
    return environment
  }

  deinit {
    if exitStatus == nil {
      kill(-pid, SIGKILL)
      _ = try? wait(timeout: 5)
    }
    closeStdin()
    for fd in [stdoutFD, stderrFD] where fd >= 0 { Glibc.close(fd) }
  }

  public func closeStdin() {
    if stdinFD >= 0 {
      Glibc.close(stdinFD)
      stdinFD = -1
    }
  }

  /// Sends a signal to the child's whole process group.
  public func signal(_ sig: Int32) {
    if exitStatus == nil { kill(-pid, sig) }
  }

  /// Waits for exit; returns the exit code (128 + N for a signal N) or throws after `timeout`.
  @discardableResult
  public func wait(timeout: Double) throws -> Int32 {
    if let exitStatus { return exitStatus }
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      var status: Int32 = 0
      let r = waitpid(pid, &status, WNOHANG)
      if r == pid {
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        exitStatus = code
        return code
      }
      if Date() > deadline {
        throw SubprocessError("process \(pid) did not exit within \(timeout) s")
      }
      usleep(2_000)
    }
  }

  /// Writes `stdin`, closes it (unless `keepStdinOpen`: then the child never sees its end),
  /// collects stdout and stderr until exit; kills after `timeout`.
  public func communicate(stdin: [UInt8], timeout: Double, keepStdinOpen: Bool = false) throws
    -> SubprocessResult
  {
    let deadline = Date().addingTimeInterval(timeout)
    var out: [UInt8] = []
    var err: [UInt8] = []
    var written = 0
    var writing = !stdin.isEmpty
    if !writing && !keepStdinOpen { closeStdin() }
    defer { closeStdin() }
    while stdoutFD >= 0 || stderrFD >= 0 || (writing && stdinFD >= 0) {
      let remaining = deadline.timeIntervalSinceNow
      if remaining <= 0 {
        signal(SIGKILL)
        throw SubprocessError(
          "command timed out after \(timeout) s; stderr: "
            + String(decoding: err, as: UTF8.self))
      }
      var fds: [pollfd] = []
      if writing && stdinFD >= 0 {
        fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0))
      }
      if stdoutFD >= 0 { fds.append(pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)) }
      if stderrFD >= 0 { fds.append(pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)) }
      _ = poll(&fds, nfds_t(fds.count), Int32(min(remaining, 1) * 1000) + 1)
      for pfd in fds where pfd.revents != 0 {
        if pfd.fd == stdinFD {
          let n = stdin[written...].withUnsafeBytes {
            Glibc.write(stdinFD, $0.baseAddress, $0.count)
          }
          if n > 0 { written += n }
          if n < 0 || written == stdin.count {
            writing = false
            if n < 0 || !keepStdinOpen { closeStdin() }
          }
        } else {
          let isOut = pfd.fd == stdoutFD
          let more = isOut ? readSome(pfd.fd, into: &out) : readSome(pfd.fd, into: &err)
          if !more {
            Glibc.close(pfd.fd)
            if isOut { stdoutFD = -1 } else { stderrFD = -1 }
          }
        }
      }
    }
    let status = try wait(timeout: max(deadline.timeIntervalSinceNow, 0.1))
    return SubprocessResult(status: status, stdout: out, stderr: err)
  }

  private var lineBuffer: [UInt8] = []

  /// Writes text to the child's stdin (which must be piped).
  public func write(_ text: String) throws {
    var bytes = Array(text.utf8)
    while !bytes.isEmpty {
      let n = bytes.withUnsafeBytes { Glibc.write(stdinFD, $0.baseAddress, $0.count) }
      guard n > 0 else { throw SubprocessError("write to child stdin failed: errno \(errno)") }
      bytes.removeFirst(n)
    }
  }

  /// Reads one line from the child's stdout (which must be piped); nil at EOF; throws on timeout.
  public func readLine(timeout: Double) throws -> String? {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      if let newline = lineBuffer.firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: lineBuffer[..<newline], as: UTF8.self)
        lineBuffer.removeFirst(newline + 1)
        return line
      }
      let remaining = deadline.timeIntervalSinceNow
      if remaining <= 0 { throw SubprocessError("no line from child within \(timeout) s") }
      var pfd = pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)
      _ = poll(&pfd, 1, Int32(remaining * 1000) + 1)
      if pfd.revents != 0 && !readSome(stdoutFD, into: &lineBuffer) {
        if lineBuffer.isEmpty { return nil }
        let line = String(decoding: lineBuffer, as: UTF8.self)
        lineBuffer.removeAll()
        return line
      }
    }
  }

  /// Reads what is available; false at end of file.
  public func readSome(_ fd: Int32, into buffer: inout [UInt8]) -> Bool {
    var chunk = [UInt8](repeating: 0, count: 65536)
    let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
    if n > 0 {
      buffer.append(contentsOf: chunk[0..<n])
      return true
    }
    return n < 0 && (errno == EINTR || errno == EAGAIN)
  }
}

private func withCStrings<R>(
  _ strings: [[UInt8]], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R
) -> R {
  var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { bytes in
    let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
    for (index, byte) in bytes.enumerated() { copy[index] = CChar(bitPattern: byte) }
    copy[bytes.count] = 0
    return copy
  }
  pointers.append(nil)
  defer { for p in pointers { p?.deallocate() } }
  return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
