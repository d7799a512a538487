import CLinux
import Glibc
import RouteGuideCompression
import RouteGuideServer
import RouteGuideTransport

/// The parts `rg serve` builds before it listens, each failing with a ServeError.
enum ServeSetup {
  /// `--db FILE`, or the tutorial's features compiled into rg.
  static func database(_ options: ServeOptions) throws(ServeError) -> FeatureDatabase {
    guard let path = options.db else { return .builtin }
    do {
      return try FeatureDatabase.load(path: path)
    } catch {
      // Already `FILE:LINE:COLUMN: why` or `FILE: why`.
      throw ServeError(error.description)
    }
  }

  /// TLS when both --tls-cert and --tls-key are given; plaintext (h2c) when neither is.
  static func tlsContext(_ options: ServeOptions) throws(ServeError) -> TLSServerContext? {
    switch (options.tlsCertificate, options.tlsKey) {
    case (nil, nil):
      return nil
    case (let certificate?, let key?):
      if let problem = OptionFiles.problem([("--tls-cert", certificate), ("--tls-key", key)]) {
        throw ServeError(problem)
      }
      do {
        return try TLSServerContext(
          TLSServerConfiguration(certificateFile: certificate, keyFile: key))
      } catch {
        throw ServeError("tls: \(error)")
      }
    default:
      throw ServeError("serve: --tls-cert and --tls-key must be given together")
    }
  }

  /// The server's limits from the options.
  static func configuration(_ options: ServeOptions, gracePeriod: UInt64) -> Server.Configuration {
    Server.Configuration(
      maxConcurrentStreams: UInt32(clamping: options.maxConcurrentStreams),
      maxReceiveMessageSize: options.maxMessageSize, gracePeriodNanoseconds: gracePeriod,
      maxConnections: options.maxConnections ?? defaultMaxConnections(),
      connectionPolicy: ConnectionPolicy(
        maxIdleNanoseconds: options.maxConnectionIdle,
        minPingIntervalNanoseconds: options.minPingInterval),
      encodings: StandardCompression.algorithms, responseEncoding: options.compression)
  }

  /// Descriptors kept for the listener, signals, the database file and the standard streams.
  static let reservedDescriptors = 32

  /// The open-file limit minus the reserve: past it, accept() would fail and a waiting client
  /// would get nothing, where closing an idle connection lets it in.
  static func defaultMaxConnections() -> Int {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1 << 16 }
    // RLIM_INFINITY is all ones: clamped like any limit beyond a million.
    let open = Int(clamping: min(limit.rlim_cur, 1 << 20))
    return max(1, open - reservedDescriptors)
  }

  /// `--threads`, or one event loop per processor this process may run on (at most as many
  /// as --threads accepts).
  static func threadCount(_ options: ServeOptions) -> Int {
    options.threads ?? min(ServeOptions.maxThreads, max(1, Int(rg_available_processors())))
  }

  /// The listening socket on --bind and --port (0 picks a free port), or on --bind's unix
  /// socket.
  static func listener(_ options: ServeOptions) throws(ServeError) -> Listener {
    if options.bind.hasPrefix("unix:") {
      do {
        return try Listener(address: .unix(path: String(options.bind.dropFirst("unix:".count))))
      } catch {
        throw ServeError("serve: \(error)")
      }
    }
    guard let port = UInt16(exactly: options.port) else {
      throw ServeError("serve: --port \(options.port) is not a port number (0-65535)")
    }
    var host = options.bind
    // `[::1]` as written in addresses: the brackets are not part of the host.
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    do {
      return try Listener(address: .tcp(host: host, port: port))
    } catch {
      throw ServeError("serve: \(error)")
    }
  }
}
