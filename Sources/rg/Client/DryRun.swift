import Glibc
import RouteGuideProtocol

/// `rg get --dry-run`: reads the Points like a real run, but prints each request's method path
/// and gRPC frame in hex instead of calling, so scripts can check their input and framing.
struct DryRun {
  private var parser: MessageReader<Point>
  private let sourceName: String
  private var output: [UInt8] = []
  private var frame: [UInt8] = []

  private init(mapping: JSONMappingOptions, sourceName: String) {
    parser = MessageReader(options: mapping)
    self.sourceName = sourceName
  }

  /// Runs a dry run for `options` and returns the exit status; errors are reported like a real
  /// run's (bad input: `rg: <source>:<line>:<col>: <message>`, exit 3).
  static func run(_ options: ClientOptions) -> Int32 {
    let outcome = outcome(options)
    if let message = outcome.message { ClientDiagnostics.error(message) }
    return outcome.exitCode
  }

  static func outcome(_ options: ClientOptions) -> ClientOutcome {
    switch options.input {
    case .literal(let bytes):
      var dryRun = DryRun(mapping: options.mapping, sourceName: "--data")
      dryRun.parser.feed(bytes)
      dryRun.parser.finish()
      return dryRun.printMessages() ?? dryRun.flush() ?? .ok
    case .stdin:
      TerminalInputHint.showIfNeeded(for: .getFeature, input: options.input)
      var dryRun = DryRun(mapping: options.mapping, sourceName: "stdin")
      return dryRun.consume(descriptor: STDIN_FILENO)
    case .file(let path):
      let descriptor = open(path, O_RDONLY | O_CLOEXEC)
      guard descriptor >= 0 else {
        return .failure("cannot read \(path): \(String(cString: strerror(errno)))")
      }
      defer { close(descriptor) }
      var dryRun = DryRun(mapping: options.mapping, sourceName: path)
      return dryRun.consume(descriptor: descriptor)
    }
  }

  /// Reads `descriptor` to its end, printing each message's frame as soon as it parses.
  private mutating func consume(descriptor: Int32) -> ClientOutcome {
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        chunk.withUnsafeBytes { parser.feed(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
      } else if count == 0 {
        parser.finish()
      } else if errno == EINTR {
        continue
      } else if errno == EAGAIN {
        Self.wait(for: descriptor, events: POLLIN)
        continue
      } else {
        return .failure("cannot read \(sourceName): \(String(cString: strerror(errno)))")
      }
      // Flushing per chunk keeps an interactive dry run responsive.
      if let stop = printMessages() ?? flush() { return stop }
      if count == 0 { return .ok }
    }
  }

  /// Appends one line per message parsed so far; on bad input, flushes what came before it.
  private mutating func printMessages() -> ClientOutcome? {
    while true {
      let point: Point?
      do {
        point = try parser.next()
      } catch {
        return flush() ?? .badInput(source: sourceName, error)
      }
      guard let point else { return nil }
      frame.removeAll(keepingCapacity: true)
      GRPCFraming.appendFrame(of: point, to: &frame)
      output.append(contentsOf: RouteGuideMethod.getFeature.path.utf8)
      output.append(0x20)
      Self.appendHex(frame, to: &output)
      output.append(0x0A)
    }
  }

  static func appendHex(_ bytes: [UInt8], to text: inout [UInt8]) {
    let digits = Array("0123456789abcdef".utf8)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
  }

  /// Writes the pending lines to stdout; nil when all were written.
  private mutating func flush() -> ClientOutcome? {
    var offset = 0
    defer { output.removeAll(keepingCapacity: true) }
    while offset < output.count {
      let count = output.withUnsafeBytes { buffer in
        buffer.baseAddress.map { write(STDOUT_FILENO, $0 + offset, buffer.count - offset) } ?? 0
      }
      if count > 0 {
        offset += count
      } else if count < 0 && errno == EINTR {
        continue
      } else if count < 0 && errno == EAGAIN {
        Self.wait(for: STDOUT_FILENO, events: POLLOUT)
      } else if count < 0 && errno == EPIPE {
        return .outputClosed
      } else {
        return .failure("cannot write to stdout: \(String(cString: strerror(errno)))")
      }
    }
    return nil
  }

  /// Blocks until a descriptor someone made non-blocking is ready.
  private static func wait(for descriptor: Int32, events: Int32) {
    var ready = pollfd(fd: descriptor, events: Int16(events), revents: 0)
    _ = poll(&ready, 1, -1)
  }
}
