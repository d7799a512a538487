/// The header block being received, held to a size budget as nghttp2 decodes it.
///
/// The size of a field is counted as RFC 9113 §6.5.2 does (name + value + 32). Past the
/// budget, fields are dropped instead of kept: a few hundred bytes of HPACK references can
/// decode to megabytes, and the budget must hold before anything is copied.
struct HTTP2IncomingHeaders {
  let limit: Int
  private(set) var streamID: Int32 = 0
  private(set) var fields: [(name: String, value: String)] = []
  private(set) var size = 0
  private(set) var isOversized = false

  init(limit: Int) {
    self.limit = limit
  }

  /// A new block starts (any unfinished one was abandoned by nghttp2).
  mutating func begin(streamID: Int32) {
    self.streamID = streamID
    fields = []
    fields.reserveCapacity(12)
    size = 0
    isOversized = false
  }

  /// Counts a field and keeps it if the block is still within its budget.
  mutating func add(
    name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>
  ) {
    size += name.count + value.count + 32
    guard !isOversized else { return }
    guard size <= limit else {
      isOversized = true
      fields = []
      return
    }
    fields.append(
      (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
  }

  /// The finished block's fields; the store is left empty for the next block.
  mutating func finish() -> [(name: String, value: String)] {
    defer { fields = [] }
    return fields
  }
}
