@testable import RouteGuideTransport

/// A test server on an EventLoop: accepts (optionally wrapping in TLS) and echoes every byte.
final class EchoServer {
  let listener: Listener
  private let loop: EventLoop
  private let wrap: ((any ByteStream) throws(TransportError) -> any ByteStream)?
  private var token: EventLoop.Token?
  private(set) var connections: [EchoConnection] = []
  /// Errors connections ended with (e.g. TLS handshake failures), in order.
  var errors: [TransportError] { connections.compactMap(\.error) }

  init(
    _ address: ServerAddress = .tcp(host: "127.0.0.1", port: 0), loop: EventLoop,
    wrap: ((any ByteStream) throws(TransportError) -> any ByteStream)? = nil
  ) throws {
    listener = try Listener(address: address)
    self.loop = loop
    self.wrap = wrap
    token = loop.watch(listener.fd, for: .readable) { [unowned self] _ in acceptAll() }
  }

  var address: ServerAddress { listener.localAddress }

  func stop() {
    if let token { loop.unwatch(token) }
    token = nil
    connections.forEach { $0.close() }
    listener.close()
  }

  private func acceptAll() {
    while let accepted = try? listener.accept() {
      do {
        let stream = try wrap?(accepted) ?? accepted
        connections.append(EchoConnection(stream, loop: loop))
      } catch {
        accepted.close()
      }
    }
  }
}

/// One echoed connection; reads and writes are both tried after any event, as TLS needs.
final class EchoConnection {
  let stream: any ByteStream
  private let loop: EventLoop
  private var token: EventLoop.Token?
  private var pending: [UInt8] = []
  private(set) var error: TransportError?
  private(set) var sawEOF = false

  init(_ stream: any ByteStream, loop: EventLoop) {
    self.stream = stream
    self.loop = loop
    token = loop.watch(stream.fd, for: .readable) { [unowned self] _ in pump() }
  }

  func close() {
    if let token { loop.unwatch(token) }
    token = nil
    stream.close()
  }

  private func pump() {
    do {
      try readAvailable()
      try writePending()
    } catch {
      self.error = error as? TransportError ?? TransportError(.io, "\(error)")
      close()
      return
    }
    if sawEOF && pending.isEmpty { return close() }
    if let token { loop.setInterest(token, pending.isEmpty ? .readable : [.readable, .writable]) }
  }

  private func readAvailable() throws {
    var buffer = [UInt8](repeating: 0, count: 16384)
    while !sawEOF {
      let result = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
      switch result {
      case .bytes(let count): pending += buffer[..<count]
      case .eof: sawEOF = true
      case .wouldBlock: return
      }
    }
  }

  private func writePending() throws {
    while !pending.isEmpty {
      let result = try pending.withUnsafeBytes { try stream.write($0) }
      guard case .bytes(let count) = result else { return }
      pending.removeFirst(count)
    }
  }
}
