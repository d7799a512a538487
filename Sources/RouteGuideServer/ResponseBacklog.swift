import RouteGuideTransport

/// Response backlog limits shared by the streaming methods.
enum ResponseBacklog {
  /// ListFeatures stops producing above this and resumes on `canSendMore`, so a slow reader
  /// costs the server about this much memory. The transport reports `canSendMore` when the
  /// backlog falls below its low-water mark, so this must be well above that.
  static let highWater = 4 * ServerCall.lowWaterMark
  /// RouteChat cannot stop producing (each note must be answered), so a peer that sends but
  /// never reads is cut off here with RESOURCE_EXHAUSTED instead of growing without bound.
  static let chatLimit = 16 * 1024 * 1024
}
