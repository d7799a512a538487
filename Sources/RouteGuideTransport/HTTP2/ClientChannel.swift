import RouteGuideProtocol

/// Calls to one server over as many HTTP/2 connections as it takes, one in use at a time.
///
/// When the server sends GOAWAY (a graceful shutdown, or a server that rotates connections by
/// age), the calls it took finish on that connection, and the calls it never processed
/// (stream ids above the GOAWAY's last id, or not sent yet) move to a new connection, as gRPC
/// channels do, so long runs are not broken. Everything runs on the loop thread.
public final class ClientChannel {
  /// Where and how to connect, and what every call's headers say.
  public struct Configuration: Sendable {
    public var address: ServerAddress
    /// nil means plaintext HTTP/2.
    public var tls: TLSClientConfiguration?
    public var connectTimeoutNanoseconds: UInt64
    public var authority: String
    public var userAgent: String
    public var keepalive: KeepalivePolicy
    /// The HTTP proxy whose CONNECT tunnel leads to `address`; nil connects directly.
    public var proxy: HTTPProxy?

    public init(
      address: ServerAddress, tls: TLSClientConfiguration?, connectTimeoutNanoseconds: UInt64,
      authority: String, userAgent: String, keepalive: KeepalivePolicy = KeepalivePolicy(),
      proxy: HTTPProxy? = nil
    ) {
      self.address = address
      self.tls = tls
      self.connectTimeoutNanoseconds = connectTimeoutNanoseconds
      self.authority = authority
      self.userAgent = userAgent
      self.keepalive = keepalive
      self.proxy = proxy
    }

    var scheme: String { tls == nil ? "http" : "https" }
  }

  /// The loop everything runs on (drivers schedule their own timers on it).
  public let loop: EventLoop
  let configuration: Configuration
  /// The connection new calls go to; nil while connecting or after GOAWAY.
  private var current: HTTP2ClientConnection?
  /// Connections the server is leaving (GOAWAY), kept until their calls are done.
  private var draining: [ObjectIdentifier: HTTP2ClientConnection] = [:]
  /// Calls waiting for a connection.
  private var waiting: [ClientCall] = []
  private var isConnecting = false
  /// Wait-for-ready: failed connection attempts are retried until this time (EventLoop.now()).
  private var retryDeadline: UInt64?
  private var onRetry: ((Int, TransportError, UInt64) -> Void)?
  private var failedAttempts = 0
  private var isClosing = false
  private var isReadingPaused = false

  /// A connection attempt starts (for -v).
  public var onConnecting: (() -> Void)?
  /// A connection is up (TLS done, when configured); the first one starts the run.
  public var onConnected: ((any ByteStream) -> Void)?
  /// Connecting failed (with wait-for-ready: for the last time); waiting calls have failed.
  public var onConnectFailed: ((TransportError) -> Void)?
  /// The connection in use was lost without GOAWAY or broke HTTP/2, or TLS failed after the
  /// handshake. Calls that were open on it have had their status first; new calls would
  /// connect again.
  public var onConnectionLost: ((TransportError) -> Void)?
  /// A stream ended or the server raised its limit: room for another call.
  public var onStreamCapacity: (() -> Void)?
  /// After `close()`: every connection is closed.
  public var onClosed: (() -> Void)?

  public init(configuration: Configuration, loop: EventLoop) {
    self.configuration = configuration
    self.loop = loop
  }

  /// gRPC's wait-for-ready: while the server cannot be reached (refused, unreachable, timed
  /// out), connecting is retried with capped exponential backoff until `deadline`, instead of
  /// failing at once; `onRetry` hears of each failed attempt (its number, why, the delay
  /// before the next). TLS and local failures are not retried: waiting does not mend them.
  public func waitForReady(
    untilNanoseconds deadline: UInt64,
    onRetry: @escaping (_ attempt: Int, _ error: TransportError, _ delay: UInt64) -> Void
  ) {
    retryDeadline = deadline
    self.onRetry = onRetry
  }

  /// The pause after `failures` failed attempts: 50 ms, growing 1.6× to at most 1 s, so a
  /// server that comes up is found within a second.
  public static func backoff(afterFailures failures: Int) -> UInt64 {
    var delay = 50_000_000.0
    for _ in 1..<max(failures, 1) { delay = min(delay * 1.6, 1_000_000_000) }
    return UInt64(delay)
  }

  /// Time kept for the last attempt of a wait, so it has a chance to connect and answer.
  public static let lastAttemptTime: UInt64 = 50_000_000

  /// The pause before the next attempt of a wait that ends at `deadline`, or nil when none
  /// fits: the backoff, cut short so that a last attempt still starts `lastAttemptTime`
  /// before the deadline (a server that comes up late in the wait is still found).
  public static func retryDelay(
    afterFailures failures: Int, deadline: UInt64, now: UInt64 = EventLoop.now()
  ) -> UInt64? {
    let lastStart = deadline > lastAttemptTime ? deadline - lastAttemptTime : 0
    guard now < lastStart else { return nil }
    return min(backoff(afterFailures: failures), lastStart - now)
  }

  /// Connects now, before any call (`onConnected` or `onConnectFailed` follows).
  public func connect() {
    guard current == nil, !isConnecting, !isClosing else { return }
    isConnecting = true
    onConnecting?()
    Connector.connect(
      to: configuration.address, tls: configuration.tls, proxy: configuration.proxy,
      timeoutNanoseconds: configuration.connectTimeoutNanoseconds, loop: loop
    ) { [weak self] result in
      guard let self else { return }
      isConnecting = false
      switch result {
      case .success(let stream): connected(stream)
      case .failure(let error): connectFailed(error)
      }
    }
  }

  /// Starts a call on the connection in use, or on the next one.
  public func startCall(_ request: ClientCallRequest, delegate: any ClientCallDelegate)
    -> ClientCall
  {
    let call = ClientCall(
      request,
      headers: request.headers(
        authority: configuration.authority, scheme: configuration.scheme,
        userAgent: configuration.userAgent),
      delegate: delegate)
    call.startDeadline(on: loop)
    place(call)
    return call
  }

  /// The server's stream limit on the connection in use (100 until its SETTINGS arrive).
  public var maxConcurrentStreams: Int { current?.maxConcurrentStreams ?? 100 }

  /// Stops reading every connection, so TCP flow control slows the server.
  public func pauseReading() {
    isReadingPaused = true
    for connection in connections { connection.pauseReading() }
  }

  public func resumeReading() {
    isReadingPaused = false
    for connection in connections { connection.resumeReading() }
  }

  /// Closes every connection with GOAWAY (after the resets of cancelled calls); `onClosed`
  /// follows when all are closed.
  public func close() {
    guard !isClosing else { return }
    isClosing = true
    let failed = waiting
    waiting.removeAll()
    for call in failed { call.finish(GRPCStatus(.cancelled, "the channel was closed"), reset: nil) }
    for connection in connections { connection.close() }
    finishClosingIfDone()
  }

  /// Whether new calls would go out at once on a connection that is up.
  public var hasUsableConnection: Bool { current != nil }

  /// Whether a connection is open or being made.
  public var isOpen: Bool { current != nil || !draining.isEmpty || isConnecting }

  private var connections: [HTTP2ClientConnection] {
    (current.map { [$0] } ?? []) + Array(draining.values)
  }

  private func place(_ call: ClientCall) {
    if let current {
      current.enqueue(call)
    } else if isClosing {
      loop.schedule(after: 0) {
        call.finish(GRPCStatus(.unavailable, "the channel is closed"), reset: nil)
      }
    } else {
      waiting.append(call)
      connect()
    }
  }

  private func connected(_ stream: any ByteStream) {
    guard !isClosing else { return stream.close() }
    let connection: HTTP2ClientConnection
    do {
      connection = try HTTP2ClientConnection(
        stream: stream, loop: loop, authority: configuration.authority,
        scheme: configuration.scheme, userAgent: configuration.userAgent,
        keepalive: configuration.keepalive)
    } catch {
      return connectFailed(error)
    }
    current = connection
    failedAttempts = 0
    let id = ObjectIdentifier(connection)
    connection.onClose = { [weak self] error in self?.connectionClosed(id, error) }
    connection.onStreamCapacity = { [weak self] in self?.onStreamCapacity?() }
    connection.onGoAway = { [weak self] in self?.serverIsLeaving(id) }
    connection.onHandOff = { [weak self] call in self?.retry(call) ?? false }
    // A peer that accepts the connection but never speaks HTTP/2 is a connect failure too.
    connection.expectSettings(withinNanoseconds: configuration.connectTimeoutNanoseconds)
    if isReadingPaused { connection.pauseReading() }
    onConnected?(stream)
    let queued = waiting
    waiting.removeAll()
    for call in queued { connection.enqueue(call) }
  }

  private func connectFailed(_ error: TransportError) {
    if let retryDeadline, !isClosing, error.kind == .unavailable || error.kind == .timeout {
      failedAttempts += 1
      if let delay = Self.retryDelay(afterFailures: failedAttempts, deadline: retryDeadline) {
        onRetry?(failedAttempts, error, delay)
        loop.schedule(after: delay) { [weak self] in self?.connect() }
        return
      }
    }
    let status = GRPCStatus(
      ClientChannel.statusCode(for: error), error.message)
    let failed = waiting
    waiting.removeAll()
    for call in failed { call.finish(status, reset: nil) }
    onConnectFailed?(error)
  }

  /// GOAWAY: the connection takes no new calls; it stays until its calls are done.
  private func serverIsLeaving(_ id: ObjectIdentifier) {
    guard let connection = current, ObjectIdentifier(connection) == id else { return }
    current = nil
    draining[id] = connection
    if !waiting.isEmpty { connect() }
  }

  /// A call the server never processed goes to the next connection.
  private func retry(_ call: ClientCall) -> Bool {
    guard !isClosing else { return false }
    place(call)
    return true
  }

  private func connectionClosed(_ id: ObjectIdentifier, _ error: TransportError?) {
    let wasCurrent = current.map { ObjectIdentifier($0) == id } ?? false
    if wasCurrent { current = nil }
    draining[id] = nil
    // A TLS failure decides the run even while closing (a refused client certificate is
    // only reported after the handshake).
    if let error, error.kind == .tls {
      onConnectionLost?(error)
    } else if wasCurrent && !isClosing {
      onConnectionLost?(error ?? TransportError(.unavailable, "the server closed the connection"))
    }
    finishClosingIfDone()
  }

  private func finishClosingIfDone() {
    guard isClosing, current == nil, draining.isEmpty else { return }
    let handler = onClosed
    onClosed = nil
    handler?()
  }

  /// The status a call waiting for a connection gets when connecting failed.
  static func statusCode(for error: TransportError) -> GRPCStatusCode {
    error.kind == .protocolError ? .internal : .unavailable
  }
}
