import Glibc
import RouteGuideTransport

/// Reads a call's input from a descriptor (stdin or a `-d @FILE`) in large chunks, one chunk per
/// request, so nothing is read before the parser needs it and a slow call slows the input.
final class InputReader {
  /// One read() at most this big: large enough that NDJSON parsing, not syscalls, dominates.
  static let chunkSize = 256 * 1024

  /// What a request for more input produced.
  enum Chunk {
    case bytes(UnsafeRawBufferPointer)
    case end
    case failed(String)
  }

  /// Where the input comes from, for messages: `stdin` or the file's path.
  let name: String
  private let loop: EventLoop
  private var fd: Int32
  private let ownsDescriptor: Bool
  private var watch: EventLoop.Token?
  // Uninitialised: zero-filling it would make a one-line `rg get` touch all 64 of its pages.
  private let buffer = UnsafeMutableRawBufferPointer.allocate(
    byteCount: InputReader.chunkSize, alignment: 1)
  private var deliver: ((Chunk) -> Void)?

  init(fd: Int32, name: String, ownsDescriptor: Bool, loop: EventLoop) {
    self.fd = fd
    self.name = name
    self.ownsDescriptor = ownsDescriptor
    self.loop = loop
  }

  /// Opens `path` for reading; the message says why not.
  static func open(path: String, loop: EventLoop) -> Result<InputReader, ClientOutcome> {
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      return .failure(.failure("cannot read \(path): \(String(cString: strerror(errno)))"))
    }
    return .success(InputReader(fd: fd, name: path, ownsDescriptor: true, loop: loop))
  }

  deinit {
    close()
    buffer.deallocate()
  }

  /// Reads one chunk once the descriptor is readable and hands it to `deliver`, from the loop.
  /// The bytes are only valid during that call.
  func requestChunk(_ deliver: @escaping (Chunk) -> Void) {
    guard fd >= 0 else {
      // Never from inside the caller: it may be in the middle of pulling messages.
      loop.schedule(after: 0) { deliver(.end) }
      return
    }
    self.deliver = deliver
    if watch == nil {
      watch = loop.watch(fd, for: .readable) { [weak self] _ in self?.readChunk() }
    }
  }

  /// Stops reading; the descriptor is closed if this reader opened it.
  func close() {
    if let watch { loop.unwatch(watch) }
    watch = nil
    deliver = nil
    if ownsDescriptor && fd >= 0 { _ = Glibc.close(fd) }
    fd = -1
  }

  private func readChunk() {
    let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
    let code = errno
    // stdin may share its file description with a non-blocking stdout (a socket).
    if count < 0 && (code == EINTR || code == EAGAIN) { return }
    if let watch { loop.unwatch(watch) }
    watch = nil
    guard let deliver else { return }
    self.deliver = nil
    if count > 0 {
      deliver(.bytes(UnsafeRawBufferPointer(rebasing: buffer[0..<count])))
    } else if count == 0 {
      close()
      deliver(.end)
    } else {
      close()
      deliver(.failed("read \(name): \(String(cString: strerror(code)))"))
    }
  }
}
