import RouteGuideProtocol

/// The notes RouteChat has seen, by location, in arrival order.
///
/// One board per call gives the tutorial's private chat; one board shared by every call
/// (`--shared-chat`) lets users at the same location read each other's notes, as the Go and
/// Java tutorial servers do. A class because a shared board is one board; everything runs on
/// the server's single event-loop thread, so it needs no lock.
public final class RouteChatBoard {
  private var notesByLocation: [Point: [RouteNote]] = [:]
  /// Total notes kept, to bound memory: a shared board lives as long as the server.
  public private(set) var count = 0
  public let capacity: Int

  /// `capacity` bounds the notes kept; past it, new notes are answered but no longer stored.
  public init(capacity: Int = 1_000_000) {
    self.capacity = capacity
  }

  /// Posts `note` and returns the earlier notes at its location, oldest first.
  ///
  /// Use the slice before the next post: holding it makes that post copy the location's notes.
  public func post(_ note: RouteNote) -> ArraySlice<RouteNote> {
    // An unset location is (0, 0) on the wire, so such notes meet there.
    let location = note.location ?? Point()
    // One hash lookup per note, and the append mutates the stored array in place (through the
    // index): taking the array out and putting it back hashed twice and churned the table,
    // a third of the server's time in the `rg chat` benchmark.
    guard let index = notesByLocation.index(forKey: location) else {
      if count < capacity {
        notesByLocation[location] = [note]
        count += 1
      }
      return []
    }
    let earlierCount = notesByLocation.values[index].count
    if count < capacity {
      notesByLocation.values[index].append(note)
      count += 1
    }
    return notesByLocation.values[index][..<earlierCount]
  }
}
