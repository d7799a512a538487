/// Which loop of a ServerGroup takes the next connection, and whether the group is full.
///
/// Shared by the loops' threads, so every method locks. The count of a loop goes up when a
/// connection is placed on it (before that loop has even seen it, so a burst of accepts
/// spreads evenly) and down when the loop reports the connection gone.
final class ConnectionBalancer: @unchecked Sendable {
  /// Where a connection goes; `mustMakeRoom` when the group is at its connection limit.
  struct Placement: Equatable {
    var loop: Int
    var mustMakeRoom: Bool
  }

  private let lock = Lock()
  private var counts: [Int]
  private var hasIdle: [Bool]
  /// Loops that stopped (their thread failed): never chosen again.
  private var retired: Set<Int> = []
  private let maxConnections: Int
  /// Where the search for the least-loaded loop starts, turning, so ties take turns.
  private var start = 0

  init(loops: Int, maxConnections: Int) {
    counts = Array(repeating: 0, count: loops)
    hasIdle = Array(repeating: false, count: loops)
    self.maxConnections = maxConnections
  }

  /// Connections placed on each loop and not yet gone.
  var connectionCounts: [Int] { lock.withLock { counts } }

  /// Whether each loop last said it has an idle connection.
  var loopsWithIdle: [Bool] { lock.withLock { hasIdle } }

  /// Places one connection. Below the limit: on the loop with the fewest. At the limit: on a
  /// loop that has an idle connection to close (the one a single loop would have closed is
  /// there), or, when none has, anywhere, to be refused.
  func place() -> Placement {
    lock.withLock {
      let turns = counts.indices.map { (start + $0) % counts.count }
      let live = turns.filter { !retired.contains($0) }
      // With every loop retired the group is shutting down; loop 0 still closes the socket.
      let loops = live.isEmpty ? [0] : live
      start = (start + 1) % counts.count
      let full = counts.reduce(0, +) >= maxConnections
      let candidates = full && hasIdle.contains(true) ? loops.filter { hasIdle[$0] } : loops
      let chosen = candidates.min { counts[$0] < counts[$1] } ?? 0
      counts[chosen] += 1
      return Placement(loop: chosen, mustMakeRoom: full)
    }
  }

  /// `loop` has stopped: no connection goes there any more.
  func retire(loop: Int) {
    lock.withLock {
      _ = retired.insert(loop)
      hasIdle[loop] = false
    }
  }

  /// A connection placed on `loop` is gone.
  func connectionEnded(on loop: Int) {
    lock.withLock { counts[loop] = max(0, counts[loop] - 1) }
  }

  /// What `loop` last saw: whether it has a connection without calls.
  func setHasIdle(_ idle: Bool, on loop: Int) {
    lock.withLock { hasIdle[loop] = idle }
  }
}
