// Delivers what nghttp2 recorded to the delegate, after the library call returned.

extension HTTP2Session {
  /// Whether events wait for `dispatchEvents`.
  var hasEvents: Bool { !events.isEmpty }

  /// Hands every recorded event to the delegate, in order. A stream error resets that stream;
  /// a fatal one is thrown, and the connection must end. Stops early when the delegate goes
  /// away (the connection closed while handling an event).
  func dispatchEvents() throws(TransportError) {
    try checkNotInsideLibrary("dispatchEvents")
    guard !isDispatching else { return }
    isDispatching = true
    defer { isDispatching = false }
    while !events.isEmpty {
      let (batch, bytes) = events.take()
      // Kept alive to the end: a delegate may drop the last reference to the connection.
      try withExtendedLifetime(self) { () throws(TransportError) in
        try deliver(batch, bytes)
      }
      events.recycle(events: batch, bytes: bytes)
    }
  }

  private func deliver(_ batch: [HTTP2EventQueue.Event], _ bytes: [UInt8]) throws(TransportError) {
    for event in batch {
      guard let delegate else { return }
      do {
        try deliver(event, bytes, to: delegate)
      } catch {
        switch error {
        case .resetStream(let code) where event.streamID > 0:
          try resetStream(streamID: event.streamID, code)
        case .resetStream(let code):
          throw TransportError(
            .protocolError, "internal error: reset (\(code)) asked for a connection event")
        case .fatal(let message):
          throw TransportError(.protocolError, message)
        }
      }
    }
  }

  private func deliver(
    _ event: HTTP2EventQueue.Event, _ bytes: [UInt8], to delegate: any HTTP2SessionDelegate
  ) throws(HTTP2CallbackError) {
    switch event {
    case .headers(let streamID, let fields, let endStream, let oversized):
      if oversized {
        try delegate.sessionDidReceiveOversizedHeaders(streamID: streamID, endStream: endStream)
      } else {
        try delegate.sessionDidReceiveHeaders(streamID: streamID, fields, endStream: endStream)
      }
    case .data(let streamID, let offset, let count):
      // The connection window opens as data arrives; streams open as the application takes
      // it (manual flow control), so only a stream that stops taking data stalls.
      if manualStreamFlowControl {
        do {
          try consumeConnection(count)
        } catch {
          throw .fatal(error.message)
        }
      }
      let result = bytes.withUnsafeBytes { all in
        Result { () throws(HTTP2CallbackError) in
          try delegate.sessionDidReceiveData(
            streamID: streamID, UnsafeRawBufferPointer(rebasing: all[offset..<offset + count]))
        }
      }
      try result.get()
    case .endOfData(let streamID):
      try delegate.sessionDidReceiveEndOfData(streamID: streamID)
    case .streamClosed(let streamID, let errorCode):
      try delegate.sessionDidCloseStream(streamID: streamID, errorCode: errorCode)
    case .goAway(let lastStreamID, let errorCode):
      try delegate.sessionDidReceiveGoAway(lastStreamID: lastStreamID, errorCode: errorCode)
    case .settings:
      try delegate.sessionDidReceiveSettings()
    case .pingAck:
      try delegate.sessionDidReceivePingAck()
    case .ping:
      try delegate.sessionDidReceivePing()
    case .peerReset(let streamID):
      try delegate.sessionDidReceiveReset(streamID: streamID)
    case .headersNotSent(let streamID, let reason):
      try delegate.sessionDidFailToSendHeaders(streamID: streamID, reason: reason)
    }
  }
}

extension HTTP2EventQueue.Event {
  /// The stream the event is about; 0 for connection events.
  var streamID: Int32 {
    switch self {
    case .headers(let id, _, _, _), .data(let id, _, _), .endOfData(let id),
      .streamClosed(let id, _), .peerReset(let id), .headersNotSent(let id, _):
      id
    case .goAway, .settings, .pingAck, .ping: 0
    }
  }
}
