import RouteGuideProtocol

/// A gRPC server: accepts connections on its listeners and runs one HTTP/2 connection each,
/// all on one event loop.
///
/// Nothing here blocks: a client that connects and stalls holds only its own connection.
public final class Server {
  /// Limits applied to every connection.
  public struct Configuration: Sendable {
    public var maxConcurrentStreams: UInt32
    public var maxReceiveMessageSize: Int
    /// How long open streams may run after a graceful shutdown starts before they are cut.
    public var gracePeriodNanoseconds: UInt64
    /// Connections open at once; past it, a new one closes the longest idle (Server+Limits).
    public var maxConnections: Int
    public var connectionPolicy: ConnectionPolicy
    /// The encodings requests may be compressed with (and `grpc-accept-encoding` lists).
    public var encodings: [CompressionAlgorithm]
    /// What responses are compressed with, for clients that accept it; nil: identity. One of
    /// `encodings`.
    public var responseEncoding: CompressionAlgorithm?

    public init(
      maxConcurrentStreams: UInt32 = 100, maxReceiveMessageSize: Int = 4 * 1024 * 1024,
      gracePeriodNanoseconds: UInt64 = 5_000_000_000, maxConnections: Int = 1 << 16,
      connectionPolicy: ConnectionPolicy = ConnectionPolicy(),
      encodings: [CompressionAlgorithm] = [], responseEncoding: CompressionAlgorithm? = nil
    ) {
      self.maxConcurrentStreams = maxConcurrentStreams
      self.maxReceiveMessageSize = maxReceiveMessageSize
      self.gracePeriodNanoseconds = gracePeriodNanoseconds
      self.maxConnections = maxConnections
      self.connectionPolicy = connectionPolicy
      self.encodings = encodings
      self.responseEncoding = responseEncoding
    }
  }

  let loop: EventLoop
  let configuration: Configuration
  let tls: TLSServerContext?
  let acceptCall: (ServerCall) -> Void
  /// The codecs of every connection (they all run on this loop).
  let codecs: MessageCodecs
  var listeners: [(listener: Listener, token: EventLoop.Token)] = []
  var connections: [ObjectIdentifier: HTTP2ServerConnection] = [:]
  var shutdown: Shutdown?
  /// The pending malloc_trim, and when the last one ran (Server+Limits).
  var trimTimer: EventLoop.Token?
  var lastTrim: UInt64?
  /// Reports a connection that could not be set up (the server keeps going).
  public var onConnectionError: ((TransportError) -> Void)?
  /// Set in a ServerGroup: takes each accepted connection instead of `adopt`, to place it on
  /// the loop with the fewest.
  var placeConnection: ((AcceptedSocket) -> Void)?
  /// Runs once for every adopted connection when it is gone (closed, or failed to set up).
  var onConnectionEnded: (() -> Void)?

  /// `acceptCall` gets every new stream and sets its handler (or finishes it at once).
  public init(
    loop: EventLoop, listeners: [Listener], tls: TLSServerContext?,
    configuration: Configuration, acceptCall: @escaping (ServerCall) -> Void
  ) {
    self.loop = loop
    self.tls = tls
    self.configuration = configuration
    self.acceptCall = acceptCall
    codecs = MessageCodecs(configuration.encodings)
    for listener in listeners {
      let token = loop.watch(listener.fd, for: .readable) { [unowned self, unowned listener] _ in
        self.acceptPending(on: listener)
      }
      self.listeners.append((listener, token))
    }
  }

  /// Connections open now.
  public var connectionCount: Int { connections.count }

  /// The most connections taken from one listener per loop round, so a flood of new
  /// clients cannot starve the connections already open.
  static let acceptBatch = 64
  /// How long accepting pauses after it failed (e.g. out of file descriptors).
  static let acceptBackoff: UInt64 = 100_000_000

  private func acceptPending(on listener: Listener) {
    for _ in 0..<Self.acceptBatch {
      let accepted: AcceptedSocket?
      do {
        accepted = try listener.acceptSocket()
      } catch {
        onConnectionError?(error)
        pauseAccepting(listener)
        return
      }
      guard let socket = accepted else { return }
      if let placeConnection {
        placeConnection(socket)
      } else {
        adopt(socket, mustMakeRoom: connections.count >= configuration.maxConnections)
      }
    }
  }

  /// Serves `socket` on this server's loop. With `mustMakeRoom` (the connection limit is
  /// reached) it first closes the connection idle the longest, or, when every connection has
  /// calls open, closes the new one at once.
  public func adopt(_ socket: AcceptedSocket, mustMakeRoom: Bool) {
    let hasRoom = !mustMakeRoom || closeLongestIdle()
    let socketStream = socket.stream()
    do {
      let stream = try tls?.wrap(socketStream) ?? socketStream
      let connection = try HTTP2ServerConnection(
        stream: stream, loop: loop, maxConcurrentStreams: configuration.maxConcurrentStreams,
        maxReceiveMessageSize: configuration.maxReceiveMessageSize,
        policy: configuration.connectionPolicy, codecs: codecs,
        responseCodec: configuration.responseEncoding.flatMap(codecs.codec(for:)),
        acceptCall: acceptCall)
      let id = ObjectIdentifier(connection)
      connections[id] = connection
      connection.onClose = { [weak self] in self?.connectionDidClose(id) }
      // Told why (and that its request was not processed, so a gRPC client may retry it).
      if !hasRoom { connection.closeNow(reason: "max_connections") }
    } catch {
      socketStream.close()
      onConnectionError?(error)
      onConnectionEnded?()
    }
  }

  private func pauseAccepting(_ listener: Listener) {
    guard let entry = listeners.first(where: { $0.listener === listener }) else { return }
    loop.setInterest(entry.token, [])
    loop.schedule(after: Self.acceptBackoff) { [weak self] in
      guard let self, self.shutdown == nil else { return }
      self.loop.setInterest(entry.token, .readable)
    }
  }

  private func connectionDidClose(_ id: ObjectIdentifier) {
    guard connections.removeValue(forKey: id) != nil else { return }
    onConnectionEnded?()
    if connections.isEmpty { shutdown?.finish() }
    scheduleMemoryTrim()
  }
}
