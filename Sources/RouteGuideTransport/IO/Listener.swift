import Glibc

/// A listening socket (TCP or unix) whose non-blocking `accept` yields SocketStreams.
public final class Listener {
  public private(set) var fd: Int32
  /// Where clients can reach this listener; the real port when asked for port 0.
  public let localAddress: ServerAddress
  /// The socket file this listener created, removed again by `close`.
  private let unixPath: String?

  public init(address: ServerAddress, backlog: Int32 = 1024) throws(TransportError) {
    switch address {
    case .tcp(let host, let port):
      fd = try Self.bindTCP(host: host, port: port, address: address)
      unixPath = nil
    case .unix(let path):
      fd = try Self.bindUnix(path: path)
      unixPath = path
    }
    guard listen(fd, backlog) == 0 else {
      let code = errno
      _ = Glibc.close(fd)
      throw TransportError(.io, "cannot listen on \(address): \(SystemError.text(code))")
    }
    localAddress = SocketOptions.localAddress(fd)?.serverAddress ?? address
  }

  deinit { close() }

  /// The next pending connection, or nil when there is none (poll `fd` for `.readable`).
  public func accept() throws(TransportError) -> (any ByteStream)? {
    try acceptSocket()?.stream()
  }

  /// The next pending connection as a descriptor not yet owned by a stream, or nil.
  public func acceptSocket() throws(TransportError) -> AcceptedSocket? {
    guard fd >= 0 else { throw TransportError(.io, "listener on \(localAddress) is closed") }
    while true {
      var peer = SocketAddress()
      peer.length = socklen_t(MemoryLayout<sockaddr_storage>.size)
      let client = withUnsafeMutablePointer(to: &peer.storage) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          Glibc.accept(fd, $0, &peer.length)
        }
      }
      if client >= 0 {
        // Glibc does not export accept4, so the flags are set afterwards.
        SocketOptions.setNonBlocking(client)
        return socket(client, peer: peer)
      }
      switch errno {
      case EINTR, ECONNABORTED: continue
      case EAGAIN, EWOULDBLOCK: return nil
      case let code:
        throw TransportError(.io, "accept on \(localAddress): \(SystemError.text(code))")
      }
    }
  }

  /// Stops listening; a unix socket file is removed.
  public func close() {
    guard fd >= 0 else { return }
    _ = Glibc.close(fd)
    fd = -1
    if let unixPath { _ = unlink(unixPath) }
  }

  private func socket(_ client: Int32, peer: SocketAddress) -> AcceptedSocket {
    if peer.family == AF_UNIX {
      // Unix clients are unnamed: describe them by the socket they came through.
      return AcceptedSocket(fd: client, peerDescription: localAddress.description)
    }
    SocketOptions.setNoDelay(client)
    return AcceptedSocket(fd: client, peerDescription: peer.serverAddress.description)
  }

  private static func bindTCP(host: String, port: UInt16, address: ServerAddress)
    throws(TransportError) -> Int32
  {
    var lastCode: Int32 = EADDRNOTAVAIL
    for candidate in try Resolver.resolve(host: host, port: port, passive: true) {
      let fd = try SocketOptions.makeSocket(family: candidate.family)
      SocketOptions.setReuseAddress(fd)
      if candidate.withSockAddr({ bind(fd, $0, $1) }) == 0 { return fd }
      lastCode = errno
      _ = Glibc.close(fd)
    }
    throw TransportError(.io, "cannot listen on \(address): \(SystemError.text(lastCode))")
  }

  private static func bindUnix(path: String) throws(TransportError) -> Int32 {
    let address = try SocketAddress(unixPath: path)
    let fd = try SocketOptions.makeSocket(family: AF_UNIX)
    var status = address.withSockAddr { bind(fd, $0, $1) }
    var code = errno
    if status != 0 && code == EADDRINUSE && !isSocketFile(path) {
      _ = Glibc.close(fd)
      throw TransportError(
        .io, "cannot listen on unix:\(path): it exists and is not a socket (left as it is)")
    }
    if status != 0 && code == EADDRINUSE && isStale(address) {
      // A socket file nobody listens on is left over from a crashed server: replace it.
      _ = unlink(path)
      status = address.withSockAddr { bind(fd, $0, $1) }
      code = errno
    }
    guard status == 0 else {
      _ = Glibc.close(fd)
      throw TransportError(.io, "cannot listen on unix:\(path): \(SystemError.text(code))")
    }
    return fd
  }

  /// Only a socket file may be replaced: connecting to a regular file also fails with
  /// ECONNREFUSED, and `rg serve --bind unix:notes.txt` must not delete notes.txt.
  private static func isSocketFile(_ path: String) -> Bool {
    var status = stat()
    return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFSOCK
  }

  private static func isStale(_ address: SocketAddress) -> Bool {
    guard let probe = try? SocketOptions.makeSocket(family: AF_UNIX) else { return false }
    defer { _ = Glibc.close(probe) }
    let status = address.withSockAddr { Glibc.connect(probe, $0, $1) }
    return status != 0 && errno == ECONNREFUSED
  }
}
