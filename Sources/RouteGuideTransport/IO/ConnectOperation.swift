import Glibc

/// One connection attempt: tries each resolved address in turn under one deadline.
///
/// The loop's watch and timer closures keep the operation alive until it finishes.
final class ConnectOperation {
  private let address: ServerAddress
  private let tls: TLSClientConfiguration?
  private let timeoutNanoseconds: UInt64
  private let loop: EventLoop
  private var completion: ((Result<any ByteStream, TransportError>) -> Void)?
  private var candidates: [SocketAddress] = []
  private var nextCandidate = 0
  private var fd: Int32 = -1
  private var watch: EventLoop.Token?
  private var timer: EventLoop.Token?
  private var lastError: TransportError?
  private var tlsSetup: TLSClientSetup?

  init(
    address: ServerAddress, tls: TLSClientConfiguration?, timeoutNanoseconds: UInt64,
    loop: EventLoop, completion: @escaping (Result<any ByteStream, TransportError>) -> Void
  ) {
    self.address = address
    self.tls = tls
    self.timeoutNanoseconds = timeoutNanoseconds
    self.loop = loop
    self.completion = completion
  }

  func start() {
    do throws(TransportError) {
      // Bad certificate files fail before any packet is sent.
      if let tls { tlsSetup = try TLSClientSetup(configuration: tls, address: address) }
      candidates = try resolve()
    } catch {
      finish(.failure(error))
      return
    }
    timer = loop.schedule(after: timeoutNanoseconds) { [self] in timedOut() }
    tryNextCandidate()
  }

  private func resolve() throws(TransportError) -> [SocketAddress] {
    switch address {
    case .tcp(let host, let port): try Resolver.resolve(host: host, port: port)
    case .unix(let path): [try SocketAddress(unixPath: path)]
    }
  }

  private func tryNextCandidate() {
    while completion != nil && nextCandidate < candidates.count {
      let candidate = candidates[nextCandidate]
      nextCandidate += 1
      do throws(TransportError) {
        fd = try SocketOptions.makeSocket(family: candidate.family)
      } catch {
        finish(.failure(error))
        return
      }
      let status = candidate.withSockAddr { Glibc.connect(fd, $0, $1) }
      let code = status == 0 ? 0 : errno
      if code == 0 { return connected(to: candidate) }
      if code == EINPROGRESS || code == EINTR {
        watch = loop.watch(fd, for: .writable) { [self] _ in connectFinished(candidate) }
        return
      }
      failed(code)
    }
    finish(.failure(lastError ?? TransportError(.unavailable, "could not connect to \(address)")))
  }

  private func connectFinished(_ candidate: SocketAddress) {
    if let watch { loop.unwatch(watch) }
    watch = nil
    let code = SocketOptions.pendingError(fd)
    if code == 0 { return connected(to: candidate) }
    failed(code)
    tryNextCandidate()
  }

  private func failed(_ code: Int32) {
    _ = Glibc.close(fd)
    fd = -1
    lastError =
      code == ECONNREFUSED
      ? TransportError(.unavailable, "connection refused by \(address)")
      : TransportError(.unavailable, "connect to \(address) failed: \(SystemError.text(code))")
  }

  private func connected(to candidate: SocketAddress) {
    if case .tcp = address { SocketOptions.setNoDelay(fd) }
    let stream = SocketStream(
      fd: fd, peerDescription: Self.peerDescription(address, connectedTo: candidate))
    fd = -1
    guard let tlsSetup else { return finish(.success(stream)) }
    tlsSetup.startHandshake(over: stream, loop: loop) { [self] result in finish(result) }
  }

  /// The address as the user gave it and, for a host name, the one it resolved to and rg
  /// connected to: `localhost:50051 (127.0.0.1:50051)`. Which of several addresses answered
  /// (IPv6 or IPv4, which server) is what one needs to know when the wrong peer replies.
  static func peerDescription(_ address: ServerAddress, connectedTo candidate: SocketAddress)
    -> String
  {
    let resolved = candidate.serverAddress
    guard case .tcp(let host, _) = address, case .tcp(let ip, _) = resolved, host != ip else {
      return address.description
    }
    return "\(address) (\(resolved))"
  }

  private func timedOut() {
    timer = nil
    let phase = tlsSetup?.isHandshaking == true ? "TLS handshake with" : "connect to"
    let limit = DurationText.format(nanoseconds: timeoutNanoseconds)
    finish(.failure(TransportError(.timeout, "\(phase) \(address) timed out after \(limit)")))
  }

  private func finish(_ result: Result<any ByteStream, TransportError>) {
    guard let completion else { return }
    self.completion = nil
    if let timer { loop.cancelTimer(timer) }
    if let watch { loop.unwatch(watch) }
    timer = nil
    watch = nil
    if fd >= 0 { _ = Glibc.close(fd) }
    fd = -1
    tlsSetup?.cancel()
    tlsSetup = nil
    completion(result)
  }
}
