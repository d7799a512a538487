import Glibc

/// Opens an HTTP CONNECT tunnel on a socket connected to the proxy: sends the request, reads
/// the answer's header and no byte more (what follows is the server's, e.g. an h2c server's
/// SETTINGS), and succeeds on a 2xx status.
final class ProxyTunnel {
  /// The most a proxy's answer header may take; proxies answer CONNECT in a few hundred bytes.
  static let maxAnswerBytes = 16 * 1024

  private let fd: Int32
  private let proxy: HTTPProxy
  private let target: ServerAddress
  private let loop: EventLoop
  private var pending: [UInt8]
  private var answer: [UInt8] = []
  private var watch: EventLoop.Token?
  private var completion: ((Result<Void, TransportError>) -> Void)?

  /// `fd` stays the caller's: the tunnel never closes it.
  init(
    fd: Int32, proxy: HTTPProxy, target: ServerAddress, loop: EventLoop,
    completion: @escaping (Result<Void, TransportError>) -> Void
  ) {
    self.fd = fd
    self.proxy = proxy
    self.target = target
    self.loop = loop
    self.completion = completion
    pending = proxy.connectRequest(to: target)
  }

  func start() {
    watch = loop.watch(fd, for: .writable) { [self] _ in step() }
    step()
  }

  /// Stops waiting (the connect timeout); the completion is not called.
  func cancel() {
    completion = nil
    endWatch()
  }

  private func step() {
    do throws(TransportError) {
      if !pending.isEmpty {
        try send()
        if !pending.isEmpty { return }
        if let watch { loop.setInterest(watch, .readable) }
      }
      if let status = try receive() { try check(status) }
    } catch {
      finish(.failure(error))
    }
  }

  private func send() throws(TransportError) {
    while !pending.isEmpty {
      let count = pending.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
      if count > 0 {
        pending.removeFirst(count)
        continue
      }
      let code = errno
      if code == EINTR { continue }
      if code == EAGAIN || code == EWOULDBLOCK { return }
      throw failure("sending CONNECT failed: \(SystemError.text(code))")
    }
  }

  /// The status line once the whole header is in; nil while more is to come. Bytes are peeked
  /// first and only the header's own are taken off the socket.
  private func receive() throws(TransportError) -> String? {
    var peeked = [UInt8](repeating: 0, count: Self.maxAnswerBytes - answer.count)
    let count = peeked.withUnsafeMutableBytes {
      recv(fd, $0.baseAddress, $0.count, Int32(MSG_PEEK))
    }
    if count == 0 { throw failure("closed the connection instead of answering CONNECT") }
    if count < 0 {
      let code = errno
      if code == EINTR || code == EAGAIN || code == EWOULDBLOCK { return nil }
      throw failure("reading its answer to CONNECT failed: \(SystemError.text(code))")
    }
    let known = answer.count
    let combined = answer + peeked[..<count]
    let end = Self.headerEnd(combined)
    let take = (end ?? combined.count) - known
    var sink = [UInt8](repeating: 0, count: max(take, 1))
    let taken = sink.withUnsafeMutableBytes { recv(fd, $0.baseAddress, take, 0) }
    guard taken == take else { throw failure("reading its answer to CONNECT failed") }
    answer = Array(combined[..<(known + take)])
    guard end != nil else {
      if answer.count >= Self.maxAnswerBytes {
        throw failure("answered CONNECT with a header over \(Self.maxAnswerBytes) bytes")
      }
      return nil
    }
    let line = answer.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }
    return String(decoding: line, as: UTF8.self)
  }

  private func check(_ statusLine: String) throws(TransportError) {
    let parts = statusLine.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
    guard parts.count == 2, parts[0].hasPrefix("HTTP/1."),
      let code = Int(parts[1].prefix(3)), (100...599).contains(code)
    else {
      throw failure("answered CONNECT with '\(Self.printable(statusLine))', not HTTP")
    }
    guard (200...299).contains(code) else {
      throw TransportError(
        .unavailable,
        "proxy \(proxy) refused CONNECT to \(target): \(Self.printable(String(parts[1])))")
    }
    finish(.success(()))
  }

  private func failure(_ what: String) -> TransportError {
    TransportError(.unavailable, "proxy \(proxy) \(what) (CONNECT to \(target))")
  }

  /// The index after the blank line that ends an HTTP header.
  static func headerEnd(_ bytes: [UInt8]) -> Int? {
    let terminator: [UInt8] = [13, 10, 13, 10]
    guard bytes.count >= 4 else { return nil }
    for index in 0...(bytes.count - 4) where bytes[index..<index + 4].elementsEqual(terminator) {
      return index + 4
    }
    return nil
  }

  /// At most 120 characters of printable ASCII: the proxy's words end up on rg's one line.
  static func printable(_ text: String) -> String {
    let kept = text.unicodeScalars.prefix(120).map { scalar in
      (0x20..<0x7F).contains(scalar.value) ? Character(scalar) : "?"
    }
    return String(kept)
  }

  private func finish(_ result: Result<Void, TransportError>) {
    guard let completion else { return }
    self.completion = nil
    endWatch()
    completion(result)
  }

  private func endWatch() {
    if let watch { loop.unwatch(watch) }
    watch = nil
  }
}
