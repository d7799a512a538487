import Glibc

/// One thread, one poll(): file-descriptor watches, timers, and a hook run before blocking.
///
/// A loop belongs to one thread and nothing here is locked: other threads reach it only
/// through a LoopMailbox (rg serve's ServerGroup). Callbacks may add or remove watches and
/// timers, including their own.
public final class EventLoop {
  /// What a watch waits for, and what poll reported.
  public struct Events: OptionSet, Sendable {
    public let rawValue: Int16
    public init(rawValue: Int16) { self.rawValue = rawValue }
    public static let readable = Events(rawValue: Int16(POLLIN))
    public static let writable = Events(rawValue: Int16(POLLOUT))
    /// Reported only: hang-up or error on the descriptor.
    public static let hangup = Events(rawValue: Int16(POLLHUP | POLLERR | POLLNVAL))
  }

  /// Identifies a watch or a timer for later changes.
  public struct Token: Hashable, Sendable {
    fileprivate let id: UInt64
  }

  private struct Watch {
    var fd: Int32
    var interest: Events
    var handler: (Events) -> Void
  }

  private struct Timer {
    var deadline: UInt64
    var handler: () -> Void
  }

  private var watches: [UInt64: Watch] = [:]
  private var timers: [UInt64: Timer] = [:]
  private var beforeBlocking: [UInt64: () -> Void] = [:]
  private var nextID: UInt64 = 1
  private var stopped = false
  private var readBufferStorage: UnsafeMutableRawBufferPointer?

  public init() {}

  deinit {
    readBufferStorage?.deallocate()
  }

  /// One buffer for the socket reads of every connection on this loop, made on first use:
  /// each read is handed on before the next begins (one thread), so a thousand connections
  /// need not keep 64 KiB each.
  func sharedReadBuffer(byteCount: Int) -> UnsafeMutableRawBufferPointer {
    if let buffer = readBufferStorage, buffer.count >= byteCount { return buffer }
    readBufferStorage?.deallocate()
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: byteCount, alignment: 1)
    readBufferStorage = buffer
    return buffer
  }

  /// Monotonic clock in nanoseconds.
  public static func now() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
  }

  private func makeToken() -> Token {
    defer { nextID += 1 }
    return Token(id: nextID)
  }

  /// Calls `handler` whenever `fd` is ready for any of `interest` (or hung up).
  @discardableResult
  public func watch(_ fd: Int32, for interest: Events, handler: @escaping (Events) -> Void)
    -> Token
  {
    let token = makeToken()
    watches[token.id] = Watch(fd: fd, interest: interest, handler: handler)
    return token
  }

  /// Changes what a watch waits for; an empty set keeps the watch but pauses it.
  public func setInterest(_ token: Token, _ interest: Events) {
    watches[token.id]?.interest = interest
  }

  public func interest(of token: Token) -> Events {
    watches[token.id]?.interest ?? []
  }

  public func unwatch(_ token: Token) {
    watches[token.id] = nil
  }

  /// Calls `handler` once, `nanoseconds` from now.
  @discardableResult
  public func schedule(after nanoseconds: UInt64, _ handler: @escaping () -> Void) -> Token {
    let token = makeToken()
    timers[token.id] = Timer(deadline: Self.now() &+ nanoseconds, handler: handler)
    return token
  }

  public func cancelTimer(_ token: Token) {
    timers[token.id] = nil
  }

  /// Calls `handler` every time the loop is about to block in poll(), e.g. to flush output.
  @discardableResult
  public func beforeBlocking(_ handler: @escaping () -> Void) -> Token {
    let token = makeToken()
    beforeBlocking[token.id] = handler
    return token
  }

  public func removeBeforeBlocking(_ token: Token) {
    beforeBlocking[token.id] = nil
  }

  /// Makes `run()` return after the current iteration.
  public func stop() {
    stopped = true
  }

  /// Runs until `stop()` is called or there is nothing left to wait for.
  public func run() throws(TransportError) {
    stopped = false
    while !stopped {
      if watches.isEmpty && timers.isEmpty { return }
      try runOnce()
    }
  }

  /// One round: fire due timers, poll once (blocking at most until the next timer), dispatch.
  public func runOnce(maxWait: Int32 = -1) throws(TransportError) {
    fireDueTimers()
    if stopped { return }
    var timeout = pollTimeout(maxWait: maxWait)
    if timeout != 0 {
      for handler in Array(beforeBlocking.values) { handler() }
      if stopped { return }
      // A before-blocking hook may have made a timer due or changed interests.
      timeout = pollTimeout(maxWait: maxWait)
    }
    let active = watches.filter { !$0.value.interest.isEmpty }
    var ids: [UInt64] = []
    var fds: [pollfd] = []
    ids.reserveCapacity(active.count)
    fds.reserveCapacity(active.count)
    for (id, watch) in active {
      ids.append(id)
      fds.append(pollfd(fd: watch.fd, events: watch.interest.rawValue, revents: 0))
    }
    if fds.isEmpty && timers.isEmpty { return }
    let ready = poll(&fds, nfds_t(fds.count), timeout)
    if ready < 0 {
      if errno == EINTR { return }
      throw TransportError(.io, "poll: \(String(cString: strerror(errno)))")
    }
    guard ready > 0 else { return }
    for (index, pfd) in fds.enumerated() where pfd.revents != 0 {
      // A previous handler in this round may have removed this watch.
      guard let watch = watches[ids[index]] else { continue }
      watch.handler(Events(rawValue: pfd.revents))
      if stopped { return }
    }
  }

  private func fireDueTimers() {
    guard !timers.isEmpty else { return }
    let now = Self.now()
    let due = timers.filter { $0.value.deadline <= now }.sorted {
      $0.value.deadline < $1.value.deadline
    }
    for (id, timer) in due {
      guard timers.removeValue(forKey: id) != nil else { continue }
      timer.handler()
    }
  }

  private func pollTimeout(maxWait: Int32) -> Int32 {
    guard let next = timers.values.map(\.deadline).min() else { return maxWait }
    let now = Self.now()
    if next <= now { return 0 }
    // Round up so a timer is never polled for as "not yet due" in a busy loop.
    let ms = (next - now + 999_999) / 1_000_000
    let clamped = Int32(min(ms, UInt64(Int32.max)))
    return maxWait < 0 ? clamped : min(clamped, maxWait)
  }
}
