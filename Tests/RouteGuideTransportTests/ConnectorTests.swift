import Glibc
import Testing

@testable import RouteGuideTransport

/// Connector without TLS: names, refusals, timeouts, resolution failures, unix sockets.
@Suite struct ConnectorTests {
  /// A port on 127.0.0.1 that nothing listens on (bound once, then released).
  private func closedPort() throws -> UInt16 {
    let listener = try Listener(address: .tcp(host: "127.0.0.1", port: 0))
    defer { listener.close() }
    guard case .tcp(_, let port) = listener.localAddress else { return 1 }
    return port
  }

  @Test func connectsByHostName() throws {
    let loop = EventLoop()
    let server = try EchoServer(loop: loop)
    defer { server.stop() }
    guard case .tcp(_, let port) = server.address else { return }
    let stream = try LoopDriver.connect(.tcp(host: "localhost", port: port), loop: loop).get()
    defer { stream.close() }
    // The echo server listens on 127.0.0.1 only: whatever else localhost resolves to, that is
    // the address that answered.
    #expect(stream.peerDescription == "localhost:\(port) (127.0.0.1:\(port))")
    var noDelay: Int32 = 0
    var length = socklen_t(4)
    _ = getsockopt(stream.fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, &length)
    #expect(noDelay != 0)
  }

  /// An IP literal or a unix path is already the address: nothing to add in parentheses.
  @Test func literalAddressesAreDescribedAsGiven() throws {
    var ip = sockaddr_in()
    ip.sin_family = sa_family_t(AF_INET)
    ip.sin_port = UInt16(50051).bigEndian
    ip.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    let resolved = withUnsafePointer(to: &ip) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        SocketAddress($0, length: socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    #expect(
      ConnectOperation.peerDescription(.tcp(host: "127.0.0.1", port: 50051), connectedTo: resolved)
        == "127.0.0.1:50051")
    #expect(
      ConnectOperation.peerDescription(.tcp(host: "db.local", port: 50051), connectedTo: resolved)
        == "db.local:50051 (127.0.0.1:50051)")
    let socket = try SocketAddress(unixPath: "/run/rg.sock")
    #expect(
      ConnectOperation.peerDescription(.unix(path: "/run/rg.sock"), connectedTo: socket)
        == "unix:/run/rg.sock")
  }

  @Test func refusedConnectionIsUnavailable() throws {
    let port = try closedPort()
    let result = try LoopDriver.connect(.tcp(host: "127.0.0.1", port: port), loop: EventLoop())
    let error = LoopDriver.error(result)
    #expect(error?.kind == .unavailable)
    #expect(error?.message == "connection refused by 127.0.0.1:\(port)")
  }

  @Test func unresolvableHostIsUnavailable() throws {
    let result = try LoopDriver.connect(
      .tcp(host: "nonexistent.invalid", port: 1), loop: EventLoop())
    let error = LoopDriver.error(result)
    #expect(error?.kind == .unavailable)
    #expect(error?.message.hasPrefix("could not resolve nonexistent.invalid: ") == true)
  }

  @Test func missingUnixSocketIsUnavailable() throws {
    let path = "/tmp/rg-connector-\(getpid())-missing.sock"
    let error = LoopDriver.error(try LoopDriver.connect(.unix(path: path), loop: EventLoop()))
    #expect(error?.message == "connect to unix:\(path) failed: No such file or directory")
  }

  @Test func completionNeverRunsInsideConnect() throws {
    let loop = EventLoop()
    var completed = false
    Connector.connect(
      to: .unix(path: "/nonexistent/rg.sock"), tls: nil, timeoutNanoseconds: 1_000_000_000,
      loop: loop
    ) { _ in completed = true }
    #expect(!completed)
    try LoopDriver.run(loop) { completed }
  }

  /// A listener with backlog 0 that never accepts: once its queue is full the kernel drops SYNs,
  /// so a further connect hangs until our timer fires, all on loopback.
  @Test func timeoutWhenTheBacklogIsFull() throws {
    let listener = try Listener(address: .tcp(host: "127.0.0.1", port: 0), backlog: 0)
    defer { listener.close() }
    var fillers: [Int32] = []
    defer { fillers.forEach { close($0) } }
    let target = try SocketAddress(listener.localAddress)
    for _ in 0..<3 {
      let fd = try SocketOptions.makeSocket(family: AF_INET)
      _ = target.withSockAddr { connect(fd, $0, $1) }
      fillers.append(fd)
      usleep(20_000)
    }
    let started = EventLoop.now()
    let result = try LoopDriver.connect(
      listener.localAddress, timeoutNanoseconds: 300_000_000, loop: EventLoop())
    let error = LoopDriver.error(result)
    #expect(error?.kind == .timeout)
    #expect(error?.message == "connect to \(listener.localAddress) timed out after 300ms")
    #expect(EventLoop.now() - started < 3_000_000_000)
  }
}

extension SocketAddress {
  /// The first resolved address of a numeric TCP ServerAddress (test convenience).
  fileprivate init(_ address: ServerAddress) throws {
    guard case .tcp(let host, let port) = address,
      let first = try Resolver.resolve(host: host, port: port).first
    else { throw TransportError(.io, "not TCP") }
    self = first
  }
}
