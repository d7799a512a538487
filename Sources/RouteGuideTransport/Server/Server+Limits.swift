import CLinux

// What a crowd of clients may cost the server as a whole: a bounded number of connections,
// and the heap they used given back once they are gone.

extension Server {
  /// Heap is given back at most this often...
  static let trimInterval: UInt64 = 1_000_000_000
  /// ...and this long after the close that asks for it, so a burst of closes costs one trim.
  static let trimDelay: UInt64 = 200_000_000

  /// At the connection limit: closes the connection that has been without calls the longest
  /// (GOAWAY `max_connections`), so idle clients cannot lock out one that has work; false if
  /// every connection has calls open. An idle gRPC client reconnects when it needs to.
  func closeLongestIdle() -> Bool {
    var longest: (since: UInt64, connection: HTTP2ServerConnection)?
    for connection in connections.values where !connection.isEnding && !connection.isClosed {
      guard let since = connection.idleSince else { continue }
      if longest.map({ since < $0.since }) ?? true { longest = (since, connection) }
    }
    guard let longest else { return false }
    longest.connection.closeNow(reason: "max_connections")
    return true
  }

  /// Whether some connection is without calls (so `closeLongestIdle` would find one).
  var hasIdleConnection: Bool {
    connections.values.contains { !$0.isEnding && !$0.isClosed && $0.idleSince != nil }
  }

  /// glibc keeps freed heap for reuse and gives little back by itself: after a flood of
  /// connections, the server would hold its peak for good. malloc_trim returns the free pages.
  func scheduleMemoryTrim() {
    guard trimTimer == nil else { return }
    let now = EventLoop.now()
    let next = lastTrim.map { $0 + Self.trimInterval } ?? 0
    let wait = max(Self.trimDelay, next > now ? next - now : 0)
    trimTimer = loop.schedule(after: wait) { [weak self] in
      guard let self else { return }
      trimTimer = nil
      lastTrim = EventLoop.now()
      malloc_trim(0)
    }
  }
}
