import Glibc

/// A connected non-blocking socket (TCP or unix) as a ByteStream.
public final class SocketStream: ByteStream {
  public private(set) var fd: Int32
  public let peerDescription: String

  /// Takes ownership of `fd`, which must already be non-blocking.
  public init(fd: Int32, peerDescription: String) {
    self.fd = fd
    self.peerDescription = peerDescription
  }

  deinit { close() }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(TransportError) -> IOResult {
    guard fd >= 0 else { throw closedError }
    guard let base = buffer.baseAddress, buffer.count > 0 else { return .wouldBlock }
    while true {
      let count = recv(fd, base, buffer.count, 0)
      if count > 0 { return .bytes(count) }
      if count == 0 { return .eof }
      let code = errno
      if code == EINTR { continue }
      if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
      throw failure(code, "read from")
    }
  }

  public func write(_ bytes: UnsafeRawBufferPointer) throws(TransportError) -> IOResult {
    guard fd >= 0 else { throw closedError }
    guard let base = bytes.baseAddress, bytes.count > 0 else { return .wouldBlock }
    while true {
      // MSG_NOSIGNAL: a closed peer is an error to report, never a SIGPIPE.
      let count = send(fd, base, bytes.count, Int32(MSG_NOSIGNAL))
      if count > 0 { return .bytes(count) }
      let code = count < 0 ? errno : EAGAIN
      if code == EINTR { continue }
      if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
      throw failure(code, "write to")
    }
  }

  public func close() {
    guard fd >= 0 else { return }
    _ = Glibc.close(fd)
    fd = -1
  }

  private var closedError: TransportError {
    TransportError(.io, "connection to \(peerDescription) is already closed")
  }

  private func failure(_ code: Int32, _ action: String) -> TransportError {
    switch code {
    case ECONNRESET, EPIPE:
      TransportError(.unavailable, "connection reset by \(peerDescription)")
    default:
      TransportError(
        SystemError.kind(code), "\(action) \(peerDescription): \(SystemError.text(code))")
    }
  }
}
