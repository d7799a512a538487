/// What nghttp2 reported from inside one library call, in order, for delivery after it
/// returned.
///
/// DATA payloads are copied into one growing byte store rather than one array per chunk, so a
/// busy stream costs no allocation per frame once the store has its size.
struct HTTP2EventQueue {
  enum Event {
    /// A complete header block; `oversized` when it exceeded the list size limit and its
    /// fields were dropped.
    case headers(
      streamID: Int32, fields: [(name: String, value: String)], endStream: Bool, oversized: Bool)
    /// DATA payload bytes, at `offset` in the byte store.
    case data(streamID: Int32, offset: Int, count: Int)
    case endOfData(streamID: Int32)
    case streamClosed(streamID: Int32, errorCode: UInt32)
    case goAway(lastStreamID: Int32, errorCode: UInt32)
    case settings
    case pingAck
    /// A PING from the peer (nghttp2 has queued its ACK already).
    case ping
    /// A RST_STREAM the peer sent (the stream's close follows as its own event).
    case peerReset(streamID: Int32)
    /// A HEADERS frame nghttp2 could not send (e.g. larger than it sends at most).
    case headersNotSent(streamID: Int32, reason: HTTP2SendFailure)
  }

  private(set) var events: [Event] = []
  private var bytes: [UInt8] = []

  var isEmpty: Bool { events.isEmpty }
  /// Bytes the payload store keeps for later rounds.
  var storeCapacity: Int { bytes.capacity }

  mutating func append(_ event: Event) {
    events.append(event)
  }

  mutating func appendData(streamID: Int32, _ payload: UnsafeRawBufferPointer) {
    events.append(.data(streamID: streamID, offset: bytes.count, count: payload.count))
    bytes.append(contentsOf: payload)
  }

  /// Hands over everything recorded and starts empty.
  mutating func take() -> (events: [Event], bytes: [UInt8]) {
    let taken = (events, bytes)
    events = []
    bytes = []
    return taken
  }

  /// Lets go of the capacity kept for the next round: an idle connection should not hold on
  /// to what its busiest moment needed.
  mutating func releaseCapacity() {
    if events.isEmpty { events = [] }
    if bytes.isEmpty { bytes = [] }
  }

  /// Takes back the arrays of a finished `take`, so their capacity serves the next round.
  mutating func recycle(events used: [Event], bytes store: [UInt8]) {
    if events.isEmpty && used.capacity > events.capacity {
      events = used
      events.removeAll(keepingCapacity: true)
    }
    if bytes.isEmpty && store.capacity > bytes.capacity {
      bytes = store
      bytes.removeAll(keepingCapacity: true)
    }
  }
}
