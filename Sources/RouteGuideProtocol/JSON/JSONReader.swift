/// A streaming, strict (RFC 8259) JSON reader of values back to back — NDJSON, one
/// pretty-printed document, or documents concatenated as `jq` reads them — fed in chunks of any
/// size. Nesting is bounded by an explicit stack, so hostile input cannot overflow the call stack.
///
/// Positions are 1-based; columns count Unicode scalars. Duplicate keys in an object are
/// rejected (as protobuf's json_format does). After an error the reader stays failed and throws
/// the same error again. A byte-order mark as the input's very first bytes is skipped, as jq
/// does (RFC 8259 §8.1 lets a parser ignore it; editors on Windows write one); it is not a
/// column, so positions are those of the text after it. Anywhere else it is an error.
public struct JSONReader: Sendable {
  /// The deepest nesting of arrays and objects accepted.
  public let maxDepth: Int
  /// The longest top-level value accepted, in bytes: hostile input must not grow the buffer
  /// and the value tree without bound.
  public let maxValueBytes: Int

  @usableFromInline var buffer: [UInt8] = []
  /// Index in `buffer` of the next unread byte.
  @usableFromInline var position = 0
  /// Absolute stream offset of `buffer[0]` (consumed bytes are dropped from the front).
  var bufferBase = 0
  @usableFromInline var line = 1
  /// Absolute offset of the first byte of the current line.
  var lineStart = 0
  /// UTF-8 continuation bytes consumed on the current line: columns count scalars, not bytes.
  var lineContinuations = 0
  var inputFinished = false
  var reachedEnd = false
  var failure: JSONInputError?
  var stack: [JSONContainerFrame] = []
  var expectation = Expectation.value
  /// How far the token at `position` was already checked, so a token split over chunks is not
  /// scanned again from its start.
  var partial = PartialToken()
  /// Reused for strings with escapes.
  var scratch: [UInt8] = []
  /// Where the top-level value being read began (absolute offset, line, column); offset -1
  /// between values.
  @usableFromInline var valueStart = (offset: -1, line: 0, column: 0)
  /// The input's first bytes while they may still be a byte-order mark (kept out of `buffer`
  /// so the parser cannot see them); nil once the start is decided. Only this is checked per
  /// chunk: nothing is added per byte.
  var undecidedStart: [UInt8]? = []

  public init(maxDepth: Int = 64, maxValueBytes: Int = .max) {
    self.maxDepth = maxDepth
    self.maxValueBytes = maxValueBytes
  }

  /// Appends input bytes.
  public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
    compact()
    if undecidedStart != nil { return feedStart(bytes) }
    buffer.append(contentsOf: bytes)
  }

  /// Appends input bytes.
  public mutating func feed(_ bytes: [UInt8]) {
    compact()
    if undecidedStart != nil { return feedStart(bytes) }
    buffer.append(contentsOf: bytes)
  }

  /// Marks the end of input: a value cut short is now an error instead of "need more".
  public mutating func finish() {
    inputFinished = true
    // Too short to be a mark: the bytes are input after all (and an error).
    if let start = undecidedStart { buffer.append(contentsOf: start) }
    undecidedStart = nil
  }

  /// True once the input was finished and every value in it was returned.
  public var isFinished: Bool { reachedEnd }

  /// The next complete value, or nil when more input is needed (or, after `finish()`, at the end).
  public mutating func nextValue() throws(JSONInputError) -> JSONValue? {
    if let failure { throw failure }
    do {
      guard let value = try parseNext() else {
        try checkValueSize()
        return nil
      }
      valueStart.offset = -1
      return value
    } catch {
      failure = error
      throw error
    }
  }

  /// Makes the reader fail with a mapping error for its last value.
  @usableFromInline
  mutating func fail(_ error: JSONInputError) {
    failure = error
  }

  static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// Appends the input's first bytes without a byte-order mark; holds them back while the
  /// input is shorter than a mark and could still become one (a mark split over chunks).
  private mutating func feedStart<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
    let held = undecidedStart ?? []
    let start = held + bytes.prefix(Self.byteOrderMark.count - held.count)
    if start.count < Self.byteOrderMark.count, Self.byteOrderMark.starts(with: start) {
      undecidedStart = start
      return
    }
    undecidedStart = nil
    if start != Self.byteOrderMark { buffer.append(contentsOf: start) }
    buffer.append(contentsOf: bytes.dropFirst(Self.byteOrderMark.count - held.count))
  }

  /// Drops consumed bytes once they are at least half the buffer, so the cost stays linear.
  mutating func compact() {
    guard position > 0, position * 2 >= buffer.count else { return }
    buffer.removeSubrange(0..<position)
    bufferBase += position
    position = 0
  }

  /// Fails once the unfinished top-level value has grown past `maxValueBytes`.
  private func checkValueSize() throws(JSONInputError) {
    guard valueStart.offset >= 0, !inputFinished,
      bufferBase + buffer.count - valueStart.offset > maxValueBytes
    else { return }
    throw JSONInputError(
      line: valueStart.line, column: valueStart.column,
      message: "a value longer than \(maxValueBytes) bytes is too big for a message")
  }

  var columnHere: Int { bufferBase + position - lineStart - lineContinuations + 1 }

  func errorHere(_ message: String) -> JSONInputError {
    JSONInputError(line: line, column: columnHere, message: message)
  }

  /// An error at buffer index `index` on the current line, `continuations` UTF-8 continuation
  /// bytes after `position`.
  func error(at index: Int, continuations: Int, _ message: String) -> JSONInputError {
    let column = bufferBase + index - lineStart - lineContinuations - continuations + 1
    return JSONInputError(line: line, column: column, message: message)
  }

  /// Skips JSON whitespace; false when the buffer ran out.
  mutating func skipWhitespace() -> Bool {
    while position < buffer.count {
      switch buffer[position] {
      case 0x20, 0x09, 0x0D:
        position += 1
      case 0x0A:
        position += 1
        line += 1
        lineStart = bufferBase + position
        lineContinuations = 0
      default:
        return true
      }
    }
    return false
  }
}

/// What the reader expects after the whitespace at `position`.
enum Expectation {
  case value, valueAfterComma, firstValueOrEnd, firstKeyOrEnd, key, colon, commaOrEnd
}

/// Progress through a token that the buffer ended inside of.
struct PartialToken {
  /// Absolute offset of the token's first byte; -1 when no token is partly scanned.
  var start = -1
  /// Absolute offset where scanning resumes.
  var resume = 0
  var hasEscapes = false
  var continuations = 0
}
