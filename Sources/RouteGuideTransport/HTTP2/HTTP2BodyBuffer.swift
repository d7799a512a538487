import RouteGuideProtocol

/// Framed gRPC messages waiting for a data provider: appended at the back, copied from the front.
///
/// While replayable, bytes already copied out are kept (up to `replayLimit`), so a request the
/// server refused unprocessed can be sent again from the start.
struct HTTP2BodyBuffer {
  private var bytes: [UInt8] = []
  private var offset = 0
  private let replayLimit: Int
  private(set) var isReplayable: Bool
  /// Every message appended (replays not counted again), kept by `release`.
  private(set) var appended = MessageByteCounts()

  init(replayLimit: Int = 0) {
    self.replayLimit = replayLimit
    isReplayable = replayLimit > 0
  }

  /// Bytes not yet handed to nghttp2.
  var count: Int { bytes.count - offset }

  /// Appends `message` with its 5-byte gRPC prefix.
  mutating func append(_ message: some ProtobufMessage) {
    reclaimConsumedFront()
    let start = bytes.count
    GRPCFraming.appendFrame(of: message, to: &bytes)
    appended.messages &+= 1
    appended.wireBytes &+= bytes.count - start
  }

  /// Appends `message` with its 5-byte gRPC prefix, compressed with `codec` if that makes it
  /// smaller. (Apart from `append(_:)`, which the identity path inlines.)
  mutating func append(_ message: some ProtobufMessage, compressingWith codec: any MessageCodec) {
    reclaimConsumedFront()
    let start = bytes.count
    let size = GRPCFraming.appendFrame(of: message, compressingWith: codec, to: &bytes)
    appended.messages &+= 1
    appended.wireBytes &+= bytes.count - start
    appended.compressionSavings &+= size - (bytes.count - start - GRPCFraming.prefixLength)
  }

  /// Reclaims the consumed front, only when it is large and most of the array.
  @inline(__always)
  private mutating func reclaimConsumedFront() {
    if !isReplayable && offset >= 64 << 10 && offset * 2 >= bytes.count {
      bytes.removeFirst(offset)
      offset = 0
    }
  }

  /// Frees the bytes (the call is over); the counts stay.
  mutating func release() {
    bytes = []
    offset = 0
    isReplayable = false
  }

  /// Copies up to `buffer.count` bytes out; frames need not align with messages.
  mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
    let length = min(buffer.count, count)
    guard length > 0 else { return 0 }
    let start = offset
    bytes.withUnsafeBytes { source in
      buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[start..<start + length]))
    }
    offset += length
    if isReplayable && offset > replayLimit { isReplayable = false }
    if !isReplayable && offset == bytes.count {
      bytes.removeAll(keepingCapacity: true)
      offset = 0
    }
    return length
  }

  /// Makes every byte read so far unread again; false when they were not kept.
  mutating func rewind() -> Bool {
    guard isReplayable else { return false }
    offset = 0
    return true
  }

  /// The server took the request: consumed bytes need not be kept any more.
  mutating func endReplay() {
    guard isReplayable else { return }
    isReplayable = false
    bytes.removeFirst(offset)
    offset = 0
  }
}
