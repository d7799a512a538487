import Glibc

/// Creating sockets and setting the options rg relies on.
enum SocketOptions {
  /// A non-blocking, close-on-exec stream socket.
  static func makeSocket(family: Int32) throws(TransportError) -> Int32 {
    let type =
      Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
      | Int32(SOCK_CLOEXEC.rawValue)
    let fd = socket(family, type, 0)
    guard fd >= 0 else {
      throw TransportError(.io, "socket: \(SystemError.text(errno))")
    }
    return fd
  }

  /// Makes an accepted socket non-blocking and close-on-exec.
  static func setNonBlocking(_ fd: Int32) {
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
  }

  /// Small gRPC frames must not wait for Nagle's algorithm.
  static func setNoDelay(_ fd: Int32) {
    var one: Int32 = 1
    _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
  }

  /// How many bytes must be waiting before poll() calls the socket readable (1 by default).
  static func setReceiveLowWater(_ fd: Int32, _ bytes: Int32) {
    var value = bytes
    _ = setsockopt(fd, SOL_SOCKET, SO_RCVLOWAT, &value, socklen_t(MemoryLayout<Int32>.size))
  }

  static func setReuseAddress(_ fd: Int32) {
    var one: Int32 = 1
    _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
  }

  /// The pending error of a non-blocking connect (0: connected).
  static func pendingError(_ fd: Int32) -> Int32 {
    var error: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 else { return errno }
    return error
  }

  /// The address a socket is bound to.
  static func localAddress(_ fd: Int32) -> SocketAddress? {
    var address = SocketAddress()
    address.length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let status = withUnsafeMutablePointer(to: &address.storage) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(fd, $0, &address.length)
      }
    }
    return status == 0 ? address : nil
  }
}
