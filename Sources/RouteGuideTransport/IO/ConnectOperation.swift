import Glibc

/// One connection attempt under one deadline: resolve, race the addresses (ConnectRace), open
/// the proxy's CONNECT tunnel when there is a proxy, then the TLS handshake when configured.
///
/// The loop's watch and timer closures keep the operation alive until it finishes.
final class ConnectOperation {
  private let address: ServerAddress
  private let tls: TLSClientConfiguration?
  private let proxy: HTTPProxy?
  private let timeoutNanoseconds: UInt64
  private let loop: EventLoop
  private var completion: ((Result<any ByteStream, TransportError>) -> Void)?
  private var timer: EventLoop.Token?
  private var race: ConnectRace?
  private var tunnel: ProxyTunnel?
  private var tunnelFD: Int32 = -1
  private var tlsSetup: TLSClientSetup?

  init(
    address: ServerAddress, tls: TLSClientConfiguration?, proxy: HTTPProxy?,
    timeoutNanoseconds: UInt64, loop: EventLoop,
    completion: @escaping (Result<any ByteStream, TransportError>) -> Void
  ) {
    self.address = address
    self.tls = tls
    // A unix socket is local: no proxy stands between.
    if case .tcp = address { self.proxy = proxy } else { self.proxy = nil }
    self.timeoutNanoseconds = timeoutNanoseconds
    self.loop = loop
    self.completion = completion
  }

  func start() {
    let candidates: [SocketAddress]
    do throws(TransportError) {
      // Bad certificate files fail before any packet is sent.
      if let tls { tlsSetup = try TLSClientSetup(configuration: tls, address: address) }
      candidates = try resolve()
    } catch {
      finish(.failure(error))
      return
    }
    timer = loop.schedule(after: timeoutNanoseconds) { [self] in timedOut() }
    let label = proxy.map { "proxy \($0)" } ?? address.description
    let newRace = ConnectRace(candidates: candidates, label: label, loop: loop) {
      [self] result in
      race = nil
      switch result {
      case .success((let fd, let candidate)): connected(fd, to: candidate)
      case .failure(let error): finish(.failure(error))
      }
    }
    race = newRace
    newRace.start()
  }

  /// The proxy's addresses when there is one (the proxy resolves the server's name).
  private func resolve() throws(TransportError) -> [SocketAddress] {
    switch proxy?.address ?? address {
    case .tcp(let host, let port):
      do {
        return try Resolver.resolve(host: host, port: port)
      } catch  where proxy != nil {
        throw TransportError(error.kind, "proxy \(proxy?.description ?? ""): \(error.message)")
      }
    case .unix(let path): return [try SocketAddress(unixPath: path)]
    }
  }

  private func connected(_ fd: Int32, to candidate: SocketAddress) {
    if case .tcp = address { SocketOptions.setNoDelay(fd) }
    guard let proxy else { return established(fd, candidate) }
    tunnelFD = fd
    let newTunnel = ProxyTunnel(fd: fd, proxy: proxy, target: address, loop: loop) {
      [self] result in
      tunnel = nil
      tunnelFD = -1
      switch result {
      case .success: established(fd, candidate)
      case .failure(let error):
        _ = Glibc.close(fd)
        finish(.failure(error))
      }
    }
    tunnel = newTunnel
    newTunnel.start()
  }

  private func established(_ fd: Int32, _ candidate: SocketAddress) {
    let description = Self.peerDescription(address, connectedTo: candidate, proxy: proxy)
    let stream = SocketStream(fd: fd, peerDescription: description)
    guard let tlsSetup else { return finish(.success(stream)) }
    tlsSetup.startHandshake(over: stream, loop: loop) { [self] result in finish(result) }
  }

  /// The address as the user gave it and, for a host name, the one it resolved to and rg
  /// connected to: `localhost:50051 (127.0.0.1:50051)`. Which of several addresses answered
  /// (IPv6 or IPv4, which server) is what one needs to know when the wrong peer replies.
  /// Through a proxy, the proxy and its address: `host:443 via proxy http://p:3128 (10.0.0.1:3128)`.
  static func peerDescription(
    _ address: ServerAddress, connectedTo candidate: SocketAddress, proxy: HTTPProxy? = nil
  ) -> String {
    let resolved = candidate.serverAddress
    if let proxy {
      let shown = proxy.host == resolved.host ? "" : " (\(resolved))"
      return "\(address) via proxy \(proxy)\(shown)"
    }
    guard case .tcp(let host, _) = address, case .tcp(let ip, _) = resolved, host != ip else {
      return address.description
    }
    return "\(address) (\(resolved))"
  }

  private func timedOut() {
    timer = nil
    let phase: String
    if tlsSetup?.isHandshaking == true {
      phase = "TLS handshake with \(address)"
    } else if let proxy, tunnel != nil {
      phase = "CONNECT to \(address) through proxy \(proxy)"
    } else if let proxy {
      phase = "connect to proxy \(proxy)"
    } else {
      phase = "connect to \(address)"
    }
    let limit = DurationText.format(nanoseconds: timeoutNanoseconds)
    finish(.failure(TransportError(.timeout, "\(phase) timed out after \(limit)")))
  }

  private func finish(_ result: Result<any ByteStream, TransportError>) {
    guard let completion else { return }
    self.completion = nil
    if let timer { loop.cancelTimer(timer) }
    timer = nil
    race?.cancel()
    race = nil
    tunnel?.cancel()
    tunnel = nil
    if tunnelFD >= 0 { _ = Glibc.close(tunnelFD) }
    tunnelFD = -1
    tlsSetup?.cancel()
    tlsSetup = nil
    completion(result)
  }
}

extension ServerAddress {
  /// The host of a TCP address; nil for a unix socket.
  var host: String? {
    if case .tcp(let host, _) = self { return host }
    return nil
  }
}
