/// Moves bytes between a ByteStream and an HTTP2Session on the event loop.
///
/// Reads in 64 KiB chunks while not paused, gathers nghttp2's output into one buffer of at most
/// `outputLimit` bytes, and writes it until the stream would block. After any event it tries
/// both directions, as TLS may need either. The loop's watch keeps the pump (and whoever holds
/// `onClose`) alive until the stream closes.
final class HTTP2Pump {
  static let readChunkSize = 64 << 10
  static let outputLimit = 256 << 10
  /// Reads per event before yielding to other watches; more are scheduled right after.
  static let readsPerEvent = 16
  /// While the peer streams (data rounds closer than `streamingGap`), poll() wakes the pump
  /// only once this much is waiting, or after `coalescingWait`: a chatty server that writes a
  /// few hundred bytes at a time costs one wake-up and one big read per 64 KiB, not one per
  /// packet (and writes bigger chunks itself, as its socket fills).
  static let coalescingBytes: Int32 = 64 << 10
  static let coalescingWait: UInt64 = 2_000_000
  static let streamingGap: UInt64 = 1_000_000

  let stream: any ByteStream
  private let loop: EventLoop
  private let session: HTTP2Session
  private var token: EventLoop.Token?
  private var output: [UInt8] = []
  private var outputOffset = 0
  private var flushScheduled = false
  private var readScheduled = false
  /// Reading, writing or delivering events: nghttp2's events are being handled, so a request
  /// to flush waits for the round to end instead of entering nghttp2 again.
  private var isBusy = false
  private var flushRequested = false
  private var terminationCode: UInt32?
  private var terminated = false
  private(set) var isReadingPaused = false
  /// When bytes last came in (EventLoop.now()): the proof of life keepalive checks.
  private(set) var lastReadTime = EventLoop.now()
  /// Whether the owner lets reads be coalesced: only while the peer streams to us without
  /// waiting for anything from us (a request/response exchange would wait on the timer).
  var allowsCoalescing = false {
    didSet { if !allowsCoalescing { adjustCoalescing(readData: false, previousRead: 0) } }
  }
  /// Whether the socket's receive low-water mark is raised (HTTP2Pump.coalescingBytes).
  private var isCoalescing = false
  private var coalescingTimer: EventLoop.Token?
  private(set) var isClosed = false
  /// Called once when the stream is closed: nil when the session ended in order, else why.
  var onClose: ((TransportError?) -> Void)?

  init(stream: any ByteStream, loop: EventLoop, session: HTTP2Session) {
    self.stream = stream
    self.loop = loop
    self.session = session
  }

  /// Starts watching the stream; what the session queued (preface, SETTINGS) goes out on the
  /// next loop iteration, so a failure never reaches `onClose` before the owner is set up.
  func start() {
    token = loop.watch(stream.fd, for: .readable) { [self] _ in handleEvent() }
    flushSoon()
  }

  /// Bytes waiting in the pump's own output buffer.
  var bufferedOutputBytes: Int { output.count - outputOffset }
  /// What the output buffer and the session's payload store keep allocated, in use or not.
  var retainedBufferBytes: Int { output.capacity + session.events.storeCapacity }

  func pauseReading() {
    isReadingPaused = true
    updateInterest()
  }

  func resumeReading() {
    guard isReadingPaused else { return }
    isReadingPaused = false
    updateInterest()
    // TLS may hold decrypted bytes that poll() cannot see.
    scheduleRead()
  }

  /// Flushes on the next loop iteration, so many submissions share one write.
  func flushSoon() {
    guard !flushScheduled, !isClosed else { return }
    flushScheduled = true
    loop.schedule(after: 0) { [self] in
      flushScheduled = false
      flush()
    }
  }

  private func scheduleRead() {
    guard !readScheduled, !isClosed else { return }
    readScheduled = true
    loop.schedule(after: 0) { [self] in
      readScheduled = false
      handleEvent()
    }
  }

  /// A socket event or a scheduled read: read what is there, then write what is queued.
  private func handleEvent() {
    guard !isBusy else {
      flushRequested = true
      return
    }
    isBusy = true
    withExtendedLifetime(self) {
      if !isReadingPaused {
        let previous = lastReadTime
        readAvailable()
        adjustCoalescing(readData: lastReadTime != previous, previousRead: previous)
      }
      drainOutput()
    }
    isBusy = false
  }

  /// Raises the socket's low-water mark while the peer streams and lowers it once it stops;
  /// a timer reads what is there when less than the mark arrives.
  private func adjustCoalescing(readData: Bool, previousRead: UInt64) {
    guard !isClosed else { return }
    let streaming =
      allowsCoalescing && readData && lastReadTime - previousRead < Self.streamingGap
    if streaming || (isCoalescing && allowsCoalescing && readData) {
      if !isCoalescing {
        isCoalescing = true
        SocketOptions.setReceiveLowWater(stream.fd, Self.coalescingBytes)
      }
      if coalescingTimer == nil {
        coalescingTimer = loop.schedule(after: Self.coalescingWait) { [weak self] in
          self?.coalescingTimer = nil
          self?.handleEvent()
        }
      }
    } else if isCoalescing {
      isCoalescing = false
      SocketOptions.setReceiveLowWater(stream.fd, 1)
    }
  }

  private func readAvailable() {
    // Shared by every pump on the loop: nghttp2 copies what it keeps before `receive` returns.
    let readBuffer = loop.sharedReadBuffer(byteCount: Self.readChunkSize)
    var reads = 0
    while !isClosed && !isReadingPaused {
      if reads == Self.readsPerEvent { return scheduleRead() }
      reads += 1
      do {
        switch try stream.read(into: readBuffer) {
        case .bytes(let count):
          lastReadTime = EventLoop.now()
          try session.receive(UnsafeRawBufferPointer(rebasing: readBuffer[0..<count]))
          try session.dispatchEvents()
        case .wouldBlock:
          return
        case .eof:
          try session.dispatchEvents()
          let ended = !session.wantsRead && bufferedOutputBytes == 0
          return close(
            ended
              ? sessionEndError
              : TransportError(.unavailable, "connection closed by \(stream.peerDescription)"))
        }
      } catch {
        // What arrived before the error still counts (a call may have ended OK in it), and
        // nghttp2 may have queued a GOAWAY that says why: send it if the socket takes it.
        try? session.dispatchEvents()
        if error.kind == .protocolError { sendQueuedFrames() }
        return close(error)
      }
    }
  }

  /// Drains nghttp2 into the output buffer and writes until the stream would block. Called
  /// while the pump is already at work (from an event handler), it only asks for another round.
  func flush() {
    guard !isClosed else { return }
    guard !isBusy else {
      flushRequested = true
      return
    }
    isBusy = true
    withExtendedLifetime(self) { drainOutput() }
    isBusy = false
  }

  /// Ends the session with GOAWAY once every frame queued before it is written (nghttp2 drops
  /// RST_STREAM frames still queued when the session terminates, and the peer must see them);
  /// the pump closes when the GOAWAY is out.
  func terminate(_ code: UInt32) {
    guard !isClosed, terminationCode == nil else { return }
    terminationCode = code
    flush()
  }

  private func drainOutput() {
    repeat {
      flushRequested = false
      do {
        try writeQueuedOutput()
      } catch {
        return close(error)
      }
      if isClosed { return }
    } while flushRequested
    if bufferedOutputBytes == 0 && !session.wantsRead && !session.wantsWrite {
      return close(sessionEndError)
    }
    updateInterest()
  }

  private func writeQueuedOutput() throws(TransportError) {
    while !isClosed {
      if bufferedOutputBytes < Self.outputLimit / 2 {
        compactOutput()
        let drained = try session.appendOutput(to: &output, limit: Self.outputLimit)
        let hadEvents = session.hasEvents
        try session.dispatchEvents()
        if isClosed { return }
        if drained && !hadEvents && !session.wantsWrite, let code = terminationCode, !terminated {
          terminated = true
          try session.terminate(code)
          continue
        }
      }
      guard bufferedOutputBytes > 0, try writeOutput() else { return }
    }
  }

  /// Best effort on the way out: what nghttp2 has queued, written once if the socket takes it.
  private func sendQueuedFrames() {
    compactOutput()
    guard (try? session.appendOutput(to: &output, limit: Self.outputLimit)) != nil else { return }
    _ = try? writeOutput()
  }

  /// Writes buffered output once; false when the stream would block.
  private func writeOutput() throws(TransportError) -> Bool {
    let offset = outputOffset
    let result: Result<IOResult, TransportError> = output.withUnsafeBytes { bytes in
      Result { () throws(TransportError) in
        try stream.write(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
      }
    }
    guard case .bytes(let count) = try result.get() else { return false }
    outputOffset += count
    return true
  }

  private func compactOutput() {
    if outputOffset == output.count {
      output.removeAll(keepingCapacity: true)
      outputOffset = 0
    } else if outputOffset > 0 {
      output.removeFirst(outputOffset)
      outputOffset = 0
    }
  }

  private func updateInterest() {
    guard let token, !isClosed else { return }
    var interest: EventLoop.Events = []
    if !isReadingPaused { interest.insert(.readable) }
    if bufferedOutputBytes > 0 { interest.insert(.writable) }
    loop.setInterest(token, interest)
  }

  /// How the session ended: nil when in order, a protocol error when nghttp2 gave up on the peer.
  private var sessionEndError: TransportError? {
    session.connectionFailure.map {
      TransportError(.protocolError, "\(stream.peerDescription): \($0)")
    }
  }

  /// Gives back the capacity the output buffer and the session's event store grew to, when
  /// nothing waits in them (e.g. a server connection whose last call ended).
  func releaseIdleBuffers() {
    guard !isBusy, !isClosed else { return }
    if bufferedOutputBytes == 0 {
      output = []
      outputOffset = 0
    }
    session.events.releaseCapacity()
  }

  /// Closes the stream now, without flushing; `onClose` runs once.
  func close(_ error: TransportError?) {
    guard !isClosed else { return }
    isClosed = true
    if let coalescingTimer { loop.cancelTimer(coalescingTimer) }
    coalescingTimer = nil
    if let token { loop.unwatch(token) }
    token = nil
    stream.close()
    let handler = onClose
    onClose = nil
    handler?(error)
  }
}
