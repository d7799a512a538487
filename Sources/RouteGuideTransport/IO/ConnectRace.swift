import Glibc

/// Connects to the first of a name's addresses that answers, Happy Eyeballs style (RFC 8305):
/// addresses are tried in getaddrinfo's order with the families interleaved, each attempt
/// given `stagger` before the next one starts alongside it, and the next one started at once
/// when an attempt fails. The first to connect wins; the others are closed.
///
/// So a name whose first address is dead (an IPv6 route that drops packets, a server that
/// left) costs one stagger, not the whole connect timeout; the caller's timer bounds the race.
final class ConnectRace {
  /// RFC 8305 §5 recommends 250 ms between attempts.
  static let defaultStaggerNanoseconds: UInt64 = 250_000_000

  private struct Attempt {
    let fd: Int32
    let candidate: SocketAddress
    let watch: EventLoop.Token
  }

  private let candidates: [SocketAddress]
  private let label: String
  private let loop: EventLoop
  private let staggerNanoseconds: UInt64
  private var next = 0
  private var attempts: [Attempt] = []
  private var staggerTimer: EventLoop.Token?
  private var lastError: TransportError?
  private var completion: ((Result<(Int32, SocketAddress), TransportError>) -> Void)?

  /// `label` names the destination in errors (`localhost:50051`, `proxy http://...`).
  init(
    candidates: [SocketAddress], label: String, loop: EventLoop,
    staggerNanoseconds: UInt64 = ConnectRace.defaultStaggerNanoseconds,
    completion: @escaping (Result<(Int32, SocketAddress), TransportError>) -> Void
  ) {
    self.candidates = Self.interleaved(candidates)
    self.label = label
    self.loop = loop
    self.staggerNanoseconds = staggerNanoseconds
    self.completion = completion
  }

  func start() { startNext() }

  /// Closes every attempt in flight; the completion is not called.
  func cancel() {
    completion = nil
    closeAll()
  }

  /// RFC 8305 §4: after the first address, alternate families, each in its own order.
  static func interleaved(_ addresses: [SocketAddress]) -> [SocketAddress] {
    guard let first = addresses.first else { return [] }
    var same = addresses.filter { $0.family == first.family }
    var other = addresses.filter { $0.family != first.family }
    var result: [SocketAddress] = []
    while !same.isEmpty || !other.isEmpty {
      if !same.isEmpty { result.append(same.removeFirst()) }
      if !other.isEmpty { result.append(other.removeFirst()) }
    }
    return result
  }

  private func startNext() {
    if let staggerTimer { loop.cancelTimer(staggerTimer) }
    staggerTimer = nil
    while completion != nil && next < candidates.count {
      let candidate = candidates[next]
      next += 1
      let fd: Int32
      do throws(TransportError) {
        fd = try SocketOptions.makeSocket(family: candidate.family)
      } catch {
        return finish(.failure(error))
      }
      let status = candidate.withSockAddr { Glibc.connect(fd, $0, $1) }
      let code = status == 0 ? 0 : errno
      if code == 0 { return won(fd, candidate) }
      if code == EINPROGRESS || code == EINTR {
        let watch = loop.watch(fd, for: .writable) { [self] _ in settled(fd) }
        attempts.append(Attempt(fd: fd, candidate: candidate, watch: watch))
        if next < candidates.count {
          staggerTimer = loop.schedule(after: staggerNanoseconds) { [self] in
            staggerTimer = nil
            startNext()
          }
        }
        return
      }
      _ = Glibc.close(fd)
      record(code, candidate)
    }
    if attempts.isEmpty {
      finish(.failure(lastError ?? TransportError(.unavailable, "could not connect to \(label)")))
    }
  }

  private func settled(_ fd: Int32) {
    guard let index = attempts.firstIndex(where: { $0.fd == fd }) else { return }
    let attempt = attempts.remove(at: index)
    loop.unwatch(attempt.watch)
    let code = SocketOptions.pendingError(fd)
    if code == 0 { return won(fd, attempt.candidate) }
    _ = Glibc.close(fd)
    record(code, attempt.candidate)
    startNext()
  }

  private func record(_ code: Int32, _ candidate: SocketAddress) {
    let which = candidates.count > 1 ? " at \(candidate.serverAddress)" : ""
    lastError =
      code == ECONNREFUSED
      ? TransportError(.unavailable, "connection refused by \(label)\(which)")
      : TransportError(
        .unavailable, "connect to \(label)\(which) failed: \(SystemError.text(code))")
  }

  private func won(_ fd: Int32, _ candidate: SocketAddress) {
    closeAll()
    finish(.success((fd, candidate)))
  }

  private func closeAll() {
    if let staggerTimer { loop.cancelTimer(staggerTimer) }
    staggerTimer = nil
    for attempt in attempts {
      loop.unwatch(attempt.watch)
      _ = Glibc.close(attempt.fd)
    }
    attempts = []
  }

  private func finish(_ result: Result<(Int32, SocketAddress), TransportError>) {
    guard let completion else {
      if case .success((let fd, _)) = result { _ = Glibc.close(fd) }
      return
    }
    self.completion = nil
    closeAll()
    completion(result)
  }
}
