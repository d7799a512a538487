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
    // Taken out and put back so the append below mutates a uniquely held array in place.
    var notes = notesByLocation.removeValue(forKey: location) ?? []
    let earlierCount = notes.count
    if count < capacity {
      notes.append(note)
      count += 1
    }
    notesByLocation[location] = notes
    return notes[..<earlierCount]
  }
}
