import RouteGuideProtocol

// The request side of a ServerCall: messages, half-close, and the end of the stream.

extension ServerCall {
  func didReceiveData(_ bytes: UnsafeRawBufferPointer) {
    guard !isFinished, !isCancelled else {
      // Nobody takes these bytes: the client must not wait for their window.
      connection?.consume(self, bytes.count)
      return
    }
    deframer.append(bytes)
    heldBytes += bytes.count
    deliverReceived()
  }

  /// Hands the buffered messages to the handler while it takes them, then gives their bytes
  /// back to the client's window; the end of the request follows the last message.
  func deliverReceived() {
    do {
      while !isFinished, !isCancelled, !isReceivingPaused, let message = try deframer.next() {
        handler?.callDidReceiveMessage(self, message)
      }
    } catch {
      return failFromTransport(error)
    }
    guard !isReceivingPaused else { return }
    if heldBytes > 0 {
      connection?.consume(self, heldBytes)
      heldBytes = 0
    }
    if receivedEnd {
      receivedEnd = false
      finishReceiving()
    }
  }

  /// Stops handing request messages to the handler (its answers wait to be read): what comes
  /// in stays buffered, and the client's stream window is not opened again, so the client
  /// stops sending by flow control (at most one window is held).
  public func pauseReceiving() {
    isReceivingPaused = true
  }

  /// Hands over what was held and opens the client's window again.
  public func resumeReceiving() {
    guard isReceivingPaused else { return }
    isReceivingPaused = false
    guard !isFinished, !isCancelled else { return }
    deliverReceived()
  }

  func didFinishReceiving() {
    guard !isFinished, !isCancelled else { return }
    if isReceivingPaused {
      receivedEnd = true
      return
    }
    finishReceiving()
  }

  private func finishReceiving() {
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
