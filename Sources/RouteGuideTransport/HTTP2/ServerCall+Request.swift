import RouteGuideProtocol

// The request side of a ServerCall: messages, half-close, and the end of the stream.

extension ServerCall {
  func didReceiveData(_ bytes: UnsafeRawBufferPointer) {
    guard !isFinished, !isCancelled else { return }
    deframer.append(bytes)
    do {
      while !isFinished, !isCancelled, let message = try deframer.next() {
        handler?.callDidReceiveMessage(self, message)
      }
    } catch {
      failFromTransport(error)
    }
  }

  func didFinishReceiving() {
    guard !isFinished, !isCancelled else { return }
    if deframer.hasPartialMessage {
      return failFromTransport(
        GRPCStatus(.internal, "the request ended in the middle of a message"))
    }
    handler?.callDidFinishReceiving(self)
  }

  /// The stream is closed: if the handler never finished, the call was cancelled.
  func didClose() {
    streamClosed = true
    if let deadlineTimer { connection?.loop.cancelTimer(deadlineTimer) }
    deadlineTimer = nil
    if !isFinished && !isCancelled {
      isCancelled = true
      handler?.callWasCancelled(self)
    }
    responseBody = HTTP2BodyBuffer()
    handler = nil
  }
}
