import Glibc
import Testing

@testable import RouteGuideTransport

/// SocketStream over real loopback sockets: echo, EOF, reset, would-block.
@Suite struct SocketStreamTests {
  private func connectedPair() throws -> (EventLoop, EchoServer, any ByteStream) {
    let loop = EventLoop()
    let server = try EchoServer(loop: loop)
    let stream = try LoopDriver.connect(server.address, loop: loop).get()
    return (loop, server, stream)
  }

  @Test func echoesOverTCP() throws {
    let (loop, server, stream) = try connectedPair()
    defer { server.stop() }
    let message = Array("hello, route guide".utf8)
    try LoopDriver.writeAll(stream, message, loop: loop)
    #expect(try LoopDriver.read(stream, count: message.count, loop: loop) == message)
    stream.close()
  }

  @Test func echoesALargeBufferThroughBackpressure() throws {
    let (loop, server, stream) = try connectedPair()
    defer { server.stop() }
    let message = (0..<4_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    var received: [UInt8] = []
    var offset = 0
    var buffer = [UInt8](repeating: 0, count: 65536)
    try LoopDriver.run(loop) {
      if offset < message.count,
        case .bytes(let n) = try message[offset...].withUnsafeBytes({ try stream.write($0) })
      {
        offset += n
      }
      if case .bytes(let n) = try buffer.withUnsafeMutableBytes({ try stream.read(into: $0) }) {
        received += buffer[..<n]
      }
      return received.count == message.count
    }
    #expect(received == message)
  }

  @Test func readReportsWouldBlockThenEOF() throws {
    let (loop, server, stream) = try connectedPair()
    var buffer = [UInt8](repeating: 0, count: 16)
    #expect(try buffer.withUnsafeMutableBytes { try stream.read(into: $0) } == .wouldBlock)
    try LoopDriver.run(loop) { server.connections.count == 1 }
    server.stop()
    #expect(try LoopDriver.read(stream, count: 1, loop: loop).isEmpty)
  }

  @Test func writeAfterPeerResetNamesThePeer() throws {
    let (loop, server, stream) = try connectedPair()
    try LoopDriver.run(loop) { server.connections.count == 1 }
    // SO_LINGER 0 makes close send RST instead of FIN.
    var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
    _ = setsockopt(
      server.connections[0].stream.fd, SOL_SOCKET, SO_LINGER, &linger,
      socklen_t(MemoryLayout<Glibc.linger>.size))
    server.stop()
    var caught: TransportError?
    let bytes = [UInt8](repeating: 1, count: 1024)
    for _ in 0..<100 where caught == nil {
      do {
        _ = try bytes.withUnsafeBytes { try stream.write($0) }
        usleep(1000)
      } catch {
        caught = error as? TransportError
      }
    }
    #expect(caught?.kind == .unavailable)
    #expect(caught?.message == "connection reset by \(server.address)")
  }

  @Test func closeIsIdempotentAndLaterCallsThrow() throws {
    let (_, server, stream) = try connectedPair()
    defer { server.stop() }
    stream.close()
    stream.close()
    #expect(stream.fd == -1)
    var buffer = [UInt8](repeating: 0, count: 4)
    #expect(throws: TransportError.self) {
      try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
    }
  }
}
