/// Reads messages of type `M` from JSON values back to back, fed in chunks of any size.
///
/// Plain values are mapped straight from the bytes with no allocation; anything else (escapes,
/// exponents, null, unknown fields, errors) goes through `JSONReader` and `M(json:options:)`, so
/// results and errors are the same either way. After an error the reader stays failed.
public struct MessageReader<M: JSONMessage>: Sendable {
  public var options: JSONMappingOptions
  @usableFromInline var reader: JSONReader
  /// The line on which the message `next()` returned last began (1-based), so messages can be
  /// named by where they are in the input (`stdin:2`).
  public var lastMessageLine = 0

  /// The longest JSON text of one message accepted by default: 16 MiB, four times the
  /// default gRPC message limit (escapes make JSON longer than protobuf).
  public static var defaultMaxValueBytes: Int { 16 << 20 }

  @inlinable
  public init(
    options: JSONMappingOptions = JSONMappingOptions(), maxDepth: Int = 64,
    maxValueBytes: Int = defaultMaxValueBytes
  ) {
    self.options = options
    reader = JSONReader(maxDepth: maxDepth, maxValueBytes: maxValueBytes)
  }

  @inlinable
  public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
    reader.feed(bytes)
  }

  @inlinable
  public mutating func feed(_ bytes: [UInt8]) {
    reader.feed(bytes)
  }

  /// Marks the end of input.
  @inlinable
  public mutating func finish() {
    reader.finish()
  }

  /// True once the input was finished and every message in it was returned.
  @inlinable
  public var isFinished: Bool { reader.isFinished }

  /// The next message, or nil when more input is needed (or, after `finish()`, at the end).
  @inlinable
  public mutating func next() throws(JSONInputError) -> M? {
    if let (message, line) = reader.decodeFast(M.self, options: options) {
      lastMessageLine = line
      return message
    }
    guard let value = try reader.nextValue() else { return nil }
    lastMessageLine = value.line
    do {
      return try M(json: value, options: options)
    } catch {
      reader.fail(error)
      throw error
    }
  }
}

extension JSONReader {
  /// Tries `M.decodeFast` on the buffered bytes at a value boundary; on success consumes them
  /// and returns the message with the line it began on. Inlinable so that it is specialized
  /// for `M` in the caller: generic code that is not costs more than the whole decode.
  @inlinable
  mutating func decodeFast<M: JSONMessage>(_ type: M.Type, options: JSONMappingOptions) -> (
    M, line: Int
  )? {
    guard isAtValueBoundary else { return nil }
    let start = position
    let (message, scanner) = buffer.withUnsafeBufferPointer { all in
      var scanner = JSONFastScanner(UnsafeBufferPointer(rebasing: all[start...]))
      return (M.decodeFast(&scanner, options: options), scanner)
    }
    guard let message else { return nil }
    let line = self.line + scanner.newlinesBeforeValue
    consumeFast(from: start, scanner)
    return (message, line)
  }

  /// No value is partly read and bytes are waiting.
  @usableFromInline
  var isAtValueBoundary: Bool {
    // Messages nest two levels deep (Feature.location): below that the general path decides.
    failure == nil && stack.isEmpty && expectation == .value && partial.start < 0
      && position < buffer.count && maxDepth >= 2
  }

  /// Moves past what `scanner` (started at `start`) consumed, keeping line and column right.
  @usableFromInline
  mutating func consumeFast(from start: Int, _ scanner: JSONFastScanner) {
    valueStart.offset = -1
    if scanner.newlines > 0 {
      line += scanner.newlines
      lineStart = bufferBase + start + scanner.lastLineStart
      lineContinuations = scanner.continuations
    } else {
      lineContinuations += scanner.continuations
    }
    position = start + scanner.index
  }
}
