import CNGHTTP2

// The re-entry guard (DESIGN §3). nghttp2 forbids entering a session from inside its own
// callbacks; doing it anyway aborted rg (Swift's exclusivity check) and let nghttp2 free a
// stream that the outer call was still reading. Every call that can change the session goes
// through `enterLibrary` first.

extension HTTP2Session {
  /// Marks nghttp2 as running `function` (mem_recv or mem_send, which record events); fails if
  /// it already runs something, or while recorded events are being delivered, whose handlers
  /// must leave reading and writing to the pump that delivers them.
  func enterLibrary(_ function: StaticString) throws(TransportError) {
    try checkNotInsideLibrary(function)
    if isDispatching {
      let message = "internal error: \(function) called while delivering nghttp2's events"
      assertionFailure(message)
      throw TransportError(.protocolError, message)
    }
    activeLibraryCall = function
  }

  func leaveLibrary() {
    activeLibraryCall = nil
  }

  /// Traps in debug builds (so a regression fails the tests at the spot), and fails the call
  /// in release builds instead of corrupting memory.
  func checkNotInsideLibrary(_ function: StaticString) throws(TransportError) {
    guard let active = activeLibraryCall else { return }
    let message = "internal error: \(function) called from inside \(active) (nghttp2 re-entered)"
    assertionFailure(message)
    throw TransportError(.protocolError, message)
  }
}
