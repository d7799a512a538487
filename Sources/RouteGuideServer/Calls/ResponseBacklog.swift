import RouteGuideTransport

/// Response backlog limits of the streaming methods.
enum ResponseBacklog {
  /// ListFeatures stops producing above this and resumes on `canSendMore`, so a slow reader
  /// costs the server about this much memory. The transport reports `canSendMore` when the
  /// backlog falls below its low-water mark, so this must be well above that.
  static let highWater = 4 * ServerCall.lowWaterMark
  /// RouteChat cannot stop answering, so above `highWater` it stops taking notes instead
  /// (CallResponder.pauseReceiving) until the backlog falls.
  /// Reflection answers every question too; a whole schema is a few KiB, so a client this far
  /// behind is not reading at all.
  static let reflectionLimit = 4 * 1024 * 1024
  /// A health Watch sends while the backlog is below this; above it, it keeps only the newest
  /// status and sends that on `canSendMore` (a watcher needs the latest status, not every
  /// one). Not below the low-water mark: the transport reports `canSendMore` only when the
  /// backlog falls through it, so a smaller limit could wait for a report that never comes.
  static let healthWatch = ServerCall.lowWaterMark
}
