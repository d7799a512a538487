/// Splits a stream of gRPC frames, fed in arbitrary chunks, into message payloads.
///
/// Each prefix is checked as soon as its five bytes are in: a length above the limit or a bad
/// flag fails the stream before any of that message's payload is buffered. Messages that were
/// complete before the failure are still returned first. A compressed message is inflated when
/// it is taken, under the same limit (MessageDeframer+Inflate.swift).
public struct MessageDeframer {
  /// The largest payload accepted, in bytes, also once decompressed.
  public let maxMessageSize: Int
  /// How messages with the compressed flag are read: from the peer's `grpc-encoding`.
  public var encoding = MessageEncoding.identity
  /// The messages taken so far, with their bytes on the wire and decompressed.
  public internal(set) var counts = MessageByteCounts()

  @usableFromInline var buffer: [UInt8] = []
  /// The start of the first frame not yet returned.
  @usableFromInline var readIndex = 0
  /// The end of the last complete frame in `buffer`.
  @usableFromInline var completeEnd = 0
  /// Payload bytes still missing for the frame after `completeEnd`, once its prefix is checked.
  @usableFromInline var missingPayload = 0
  @usableFromInline var prefixChecked = false
  @usableFromInline var failure: GRPCStatus?

  public init(maxMessageSize: Int) {
    self.maxMessageSize = maxMessageSize
  }

  /// Whether bytes are buffered that do not make a whole message yet.
  public var hasPartialMessage: Bool { completeEnd < buffer.count }

  /// Buffers `bytes`, checking each prefix as it completes.
  public mutating func append(_ bytes: UnsafeRawBufferPointer) {
    compactIfConsumed()
    var offset = 0
    while offset < bytes.count, failure == nil {
      let wanted =
        prefixChecked ? missingPayload : GRPCFraming.prefixLength - (buffer.count - completeEnd)
      let taken = min(wanted, bytes.count - offset)
      buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + taken]))
      offset += taken
      if prefixChecked {
        missingPayload -= taken
      } else if buffer.count - completeEnd == GRPCFraming.prefixLength {
        checkPrefix()
      }
      if prefixChecked, missingPayload == 0 {
        prefixChecked = false
        completeEnd = buffer.count
      }
    }
  }

  /// Buffers `bytes`, checking each prefix as it completes.
  public mutating func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { append($0) }
  }

  /// The next whole message's payload (decompressed); nil when more bytes are needed.
  public mutating func next() throws(GRPCStatus) -> [UInt8]? {
    guard readIndex < completeEnd else {
      if let failure { throw failure }
      return nil
    }
    let compressed = buffer[readIndex] != 0
    let (start, end) = take()
    // An inflated message is an array of its own already: no copy.
    if compressed { return try inflate(start..<end) }
    return buffer.withUnsafeBytes { Array(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
  }

  /// Hands the next whole message's payload (decompressed) to `body`, without copying it out
  /// of the buffer when it was not compressed; nil when more bytes are needed.
  public mutating func nextMessage<R>(
    _ body: (UnsafeRawBufferPointer) -> R
  ) throws(GRPCStatus) -> R? {
    guard readIndex < completeEnd else {
      if let failure { throw failure }
      return nil
    }
    let compressed = buffer[readIndex] != 0
    let (start, end) = take()
    if compressed { return try inflate(start..<end).withUnsafeBytes(body) }
    return buffer.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
  }

  /// Moves past the next whole frame, counting it; its payload's bounds in `buffer`.
  @usableFromInline
  mutating func take() -> (start: Int, end: Int) {
    let start = readIndex + GRPCFraming.prefixLength
    let end = start + Self.length(in: buffer, at: readIndex)
    counts.messages &+= 1
    counts.wireBytes &+= end - readIndex
    readIndex = end
    return (start, end)
  }

  mutating func checkPrefix() {
    let flag = buffer[completeEnd]
    let length = Self.length(in: buffer, at: completeEnd)
    if flag > 1 {
      failure = GRPCStatus(.internal, "invalid compressed flag \(flag) in gRPC message prefix")
    } else if flag == 1, let refusal = compressionRefusal {
      failure = refusal
    } else if length > maxMessageSize {
      failure = GRPCStatus(
        .resourceExhausted,
        "received message larger than max (\(length) vs. \(maxMessageSize))")
    } else {
      prefixChecked = true
      missingPayload = length
    }
  }

  /// Drops returned frames so the buffer holds only what is still to come.
  mutating func compactIfConsumed() {
    guard readIndex > 0, readIndex == completeEnd else { return }
    buffer.removeSubrange(0..<readIndex)
    completeEnd = 0
    readIndex = 0
  }

  @usableFromInline
  static func length(in buffer: [UInt8], at start: Int) -> Int {
    Int(buffer[start + 1]) << 24 | Int(buffer[start + 2]) << 16 | Int(buffer[start + 3]) << 8
      | Int(buffer[start + 4])
  }
}
