import RouteGuideProtocol

/// What `rg serve` was told, validated and typed; read by ServeRunner.
struct ServeOptions: Hashable, Sendable {
  /// The address to listen on; 127.0.0.1 so a test server is not exposed by accident.
  var bind: String = "127.0.0.1"
  /// 0 picks a free port (printed on stderr).
  var port: Int = 50051
  /// A JSON feature database like the tutorial's; nil serves the built-in features.
  var db: String?
  var tlsCertificate: String?
  var tlsKey: String?
  var maxConcurrentStreams: Int = 100
  var maxMessageSize: Int = 4 << 20
  /// nil: sized from the open-file limit when the server starts (ServeSetup).
  var maxConnections: Int?
  /// Nanoseconds a connection may go without calls; gRPC's MaxConnectionIdle.
  var maxConnectionIdle: UInt64 = 300_000_000_000
  /// Nanoseconds between client PINGs that are no strike; gRPC's permit keepalive time.
  var minPingInterval: UInt64 = 300_000_000_000
  /// Chat notes of all calls are visible to each other, as in the Go and Java servers.
  var sharedChat: Bool = false
  /// What responses are compressed with, for clients that accept it; nil: identity.
  var compression: CompressionAlgorithm?
  /// Event loops (threads); nil: one per processor (ServeSetup).
  var threads: Int?

  init(
    bind: String = "127.0.0.1", port: Int = 50051, db: String? = nil,
    tlsCertificate: String? = nil, tlsKey: String? = nil, maxConcurrentStreams: Int = 100,
    maxMessageSize: Int = 4 << 20, maxConnections: Int? = nil,
    maxConnectionIdle: UInt64 = 300_000_000_000, minPingInterval: UInt64 = 300_000_000_000,
    sharedChat: Bool = false, compression: CompressionAlgorithm? = nil, threads: Int? = nil
  ) {
    self.bind = bind
    self.port = port
    self.db = db
    self.tlsCertificate = tlsCertificate
    self.tlsKey = tlsKey
    self.maxConcurrentStreams = maxConcurrentStreams
    self.maxMessageSize = maxMessageSize
    self.maxConnections = maxConnections
    self.maxConnectionIdle = maxConnectionIdle
    self.minPingInterval = minPingInterval
    self.sharedChat = sharedChat
    self.compression = compression
    self.threads = threads
  }
}
