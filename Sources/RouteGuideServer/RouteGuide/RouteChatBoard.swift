import RouteGuideProtocol
import RouteGuideTransport

/// The notes RouteChat has seen, by location, in arrival order.
///
/// One board per call gives the tutorial's private chat; one board shared by every call
/// (`--shared-chat`) lets users at the same location read each other's notes, as the Go and
/// Java tutorial servers do. A class because a shared board is one board.
///
/// A call's own board lives on its loop's thread and takes no lock; the shared one is read
/// and written by every loop of `rg serve --threads`, so it is made `shared` and locks each
/// post. (The slice a post returns is safe outside the lock: it holds its own reference, so
/// a later append elsewhere copies rather than moves the notes under it.)
public final class RouteChatBoard: @unchecked Sendable {
  private var notesByLocation: [Point: [RouteNote]] = [:]
  /// Notes and bytes kept, to bound memory: a shared board lives as long as the server, and a
  /// note may be as large as --max-msg-size.
  private var stored = 0
  private var storedBytes = 0
  public let capacity: Int
  public let byteCapacity: Int
  private let lock: Lock?

  /// `capacity` and `byteCapacity` bound the notes kept (their messages' bytes, and a little
  /// for each); past either, new notes are answered but no longer stored. A `shared` board
  /// may be posted to from several threads.
  public init(capacity: Int = 1_000_000, byteCapacity: Int = 64 << 20, shared: Bool = false) {
    self.capacity = capacity
    self.byteCapacity = byteCapacity
    lock = shared ? Lock() : nil
  }

  /// Total notes kept.
  public var count: Int {
    guard let lock else { return stored }
    return lock.withLock { stored }
  }

  /// Posts `note` and returns the earlier notes at its location, oldest first.
  ///
  /// Use the slice before the next post: holding it makes that post copy the location's notes.
  public func post(_ note: RouteNote) -> ArraySlice<RouteNote> {
    guard let lock else { return record(note) }
    return lock.withLock { record(note) }
  }

  private func record(_ note: RouteNote) -> ArraySlice<RouteNote> {
    // An unset location is (0, 0) on the wire, so such notes meet there.
    let location = note.location ?? Point()
    // One hash lookup per note, and the append mutates the stored array in place (through the
    // index): taking the array out and putting it back hashed twice and churned the table,
    // a third of the server's time in the `rg chat` benchmark.
    let keeps = hasRoom(for: note)
    guard let index = notesByLocation.index(forKey: location) else {
      if keeps { notesByLocation[location] = [note] }
      return []
    }
    let earlierCount = notesByLocation.values[index].count
    if keeps { notesByLocation.values[index].append(note) }
    return notesByLocation.values[index][..<earlierCount]
  }

  /// Counts `note` in if the board has room for it.
  private func hasRoom(for note: RouteNote) -> Bool {
    // The message's bytes and about what a note costs besides (its location, the array slot).
    let bytes = note.message.utf8.count + 32
    guard stored < capacity, storedBytes + bytes <= byteCapacity else { return false }
    stored += 1
    storedBytes += bytes
    return true
  }
}
