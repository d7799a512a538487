import Glibc
import RouteGuideProtocol
import RouteGuideTransport

/// stdout: formatted responses, buffered, written in large chunks, never blocking the loop.
///
/// Lines are flushed when the buffer fills and whenever the loop is about to block, so a fast
/// `list` writes 64 KiB at a time while a slow chat still sees every line at once.
final class OutputSink {
  /// Flush as soon as this much is buffered.
  static let chunkSize = 64 * 1024
  /// Above this much unwritten output the sink reports itself behind (pause the connection).
  static let highWater = 1 << 20
  /// Below this much it catches up again.
  static let lowWater = 256 * 1024

  private let loop: EventLoop
  private let fd: Int32
  /// How messages become bytes; chosen before the first is written.
  var formatter: any OutputFormatter
  private var began = false
  private var ended = false
  private var buffer: [UInt8] = []
  private var written = 0
  private var watch: EventLoop.Token?
  private var hook: EventLoop.Token?
  private var blockingMode: FileDescriptorMode?
  /// stdout is a pipe, whose reader going away poll() reports even with nothing to write.
  private var watchesForClosedReader: Bool
  private(set) var isBehind = false
  private(set) var isClosed = false

  /// Called when the sink falls behind (true) or catches up (false).
  var onBehindChange: ((Bool) -> Void)?
  /// Called once when output can no longer be written: `.outputClosed` for a closed pipe.
  var onFailure: ((ClientOutcome) -> Void)?
  /// Called whenever everything buffered has been written.
  var onDrained: (() -> Void)?

  init(loop: EventLoop, fd: Int32 = 1, formatter: any OutputFormatter) {
    self.loop = loop
    self.fd = fd
    self.formatter = formatter
    // Only pipes and sockets can make us wait; a terminal or file is written directly.
    blockingMode = FileDescriptorMode.makeNonBlockingIfPipe(fd)
    var info = stat()
    watchesForClosedReader = fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO
    hook = loop.beforeBlocking { [weak self] in self?.flush() }
    stopWaiting()
  }

  deinit { close() }

  var pendingBytes: Int { buffer.count - written }

  /// Writes what opens the output (before any response; once).
  func begin() {
    guard !began, !isClosed else { return }
    began = true
    formatter.begin(into: &buffer)
  }

  /// Writes what closes the output, if it was opened (once).
  func end() {
    guard began, !ended, !isClosed else { return }
    ended = true
    formatter.end(into: &buffer)
  }

  /// Adds one response as the formatter writes it.
  func append(_ message: some JSONMessage) {
    guard !isClosed else { return }
    formatter.append(message, into: &buffer)
    if pendingBytes >= Self.chunkSize { flush() }
    updateBehind()
  }

  /// Adds a failed call in its place (`--errors json`).
  func appendError(_ error: CallError) {
    guard !isClosed else { return }
    formatter.appendError(error, into: &buffer)
    if pendingBytes >= Self.chunkSize { flush() }
    updateBehind()
  }

  /// Whether the format shows requests too (`request(_:)` is worth calling).
  var observesRequests: Bool { formatter.observesRequests }

  /// Shows a request as it is sent, if the format shows requests.
  func request(_ message: some JSONMessage) {
    guard !isClosed else { return }
    formatter.request(message, into: &buffer)
    if pendingBytes >= Self.chunkSize { flush() }
    updateBehind()
  }

  /// Adds a line as it is (`--dry-run`'s frames); `line` ends with its newline.
  func appendLine(_ line: [UInt8]) {
    guard !isClosed else { return }
    buffer.append(contentsOf: line)
    if pendingBytes >= Self.chunkSize { flush() }
    updateBehind()
  }

  /// Writes as much as the descriptor takes now; waits for writability for the rest.
  func flush() {
    while pendingBytes > 0 && !isClosed {
      let count = buffer.withUnsafeBytes { bytes in
        Glibc.write(fd, bytes.baseAddress.map { $0 + written }, pendingBytes)
      }
      if count > 0 {
        written += count
        continue
      }
      let code = errno
      if count < 0 && code == EINTR { continue }
      if count < 0 && (code == EAGAIN || code == EWOULDBLOCK) {
        waitForWritable()
        break
      }
      fail(code)
      return
    }
    compact()
    updateBehind()
    if pendingBytes == 0 {
      stopWaiting()
      onDrained?()
    }
  }

  /// Stops noticing a reader that leaves while nothing is pending: once the run's outcome is
  /// decided, that only races the outcome it would replace.
  func ignoreIdleClosedReader() {
    watchesForClosedReader = false
    if pendingBytes == 0 { stopWaiting() }
  }

  /// Stops writing and restores the descriptor's flags; pending output is dropped.
  func close() {
    isClosed = true
    stopWaiting()
    if let hook { loop.removeBeforeBlocking(hook) }
    hook = nil
    blockingMode?.restore()
    blockingMode = nil
  }

  private func waitForWritable() {
    watch(for: .writable)
  }

  /// Stops waiting to write; a pipe stays watched for its reader closing it, so an idle
  /// `rg chat | head -1` cancels its call when head exits instead of when stdin ends.
  private func stopWaiting() {
    if watchesForClosedReader && !isClosed {
      watch(for: .hangup)
    } else {
      if let watch { loop.unwatch(watch) }
      watch = nil
    }
  }

  private func watch(for interest: EventLoop.Events) {
    if let watch { return loop.setInterest(watch, interest) }
    watch = loop.watch(fd, for: interest) { [weak self] events in self?.ready(events) }
  }

  private func ready(_ events: EventLoop.Events) {
    // With output pending, the write itself reports EPIPE.
    if pendingBytes == 0 && !events.isDisjoint(with: .hangup) { return fail(EPIPE) }
    flush()
  }

  private func compact() {
    if written == buffer.count {
      buffer.removeAll(keepingCapacity: true)
      written = 0
    } else if written >= Self.chunkSize && written * 2 >= buffer.count {
      buffer.removeFirst(written)
      written = 0
    }
  }

  private func updateBehind() {
    let behind = isBehind ? pendingBytes > Self.lowWater : pendingBytes > Self.highWater
    guard behind != isBehind else { return }
    isBehind = behind
    onBehindChange?(behind)
  }

  private func fail(_ code: Int32) {
    close()
    buffer = []
    written = 0
    // A reader that went away (`rg list | head -1`) is a quiet success, as in ripgrep.
    let outcome: ClientOutcome =
      code == EPIPE
      ? .outputClosed : .failure("write to stdout: \(String(cString: strerror(code)))")
    onFailure?(outcome)
  }
}
