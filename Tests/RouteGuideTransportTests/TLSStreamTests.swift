import Glibc
import Testing

@testable import RouteGuideTransport

/// TLSStream semantics seen from the client: EOF forms, plaintext servers, stalled handshakes,
/// servers that do not select h2.
@Suite struct TLSStreamTests {
  @Test func closeNotifyReadsAsEOF() throws {
    let fixture = try TLSTestFixture()
    let server = try fixture.server()
    let stream = try fixture.connect(server, tls: fixture.trusting).get()
    defer { stream.close() }
    #expect(try fixture.echo(stream) == "over TLS")
    server.stop()  // TLSStream.close sends close_notify
    #expect(try LoopDriver.read(stream, count: 1, loop: fixture.loop).isEmpty)
  }

  @Test func tcpCloseWithoutCloseNotifyReadsAsEOF() throws {
    let fixture = try TLSTestFixture()
    let server = try fixture.server()
    let stream = try fixture.connect(server, tls: fixture.trusting).get()
    defer { stream.close() }
    #expect(try fixture.echo(stream) == "over TLS")
    // Close the socket under the server's TLS, as gRPC peers often do.
    let accepted = try #require(server.connections.first)
    Glibc.shutdown(accepted.stream.fd, Int32(SHUT_RDWR))
    #expect(try LoopDriver.read(stream, count: 1, loop: fixture.loop).isEmpty)
    server.stop()
  }

  @Test func plaintextServerFailsFast() throws {
    let loop = EventLoop()
    let listener = try Listener(address: .tcp(host: "127.0.0.1", port: 0))
    defer { listener.close() }
    var result: Result<any ByteStream, TransportError>?
    Connector.connect(
      to: listener.localAddress, tls: TLSClientConfiguration(insecure: true),
      timeoutNanoseconds: 10_000_000_000, loop: loop
    ) { result = $0 }
    var accepted: (any ByteStream)?
    try LoopDriver.run(loop) {
      accepted = try listener.accept()
      return accepted != nil
    }
    // An HTTP/2 server's preface: an empty SETTINGS frame.
    let settings: [UInt8] = [0, 0, 0, 4, 0, 0, 0, 0, 0]
    try LoopDriver.writeAll(try #require(accepted), settings, loop: loop)
    let started = EventLoop.now()
    try LoopDriver.run(loop) { result != nil }
    #expect(EventLoop.now() - started < 2_000_000_000)
    let error = try #require(result.map { LoopDriver.error($0) } ?? nil)
    #expect(error.kind == .tls)
    #expect(error.message.hasPrefix("TLS handshake with \(listener.localAddress) failed: "))
    #expect(error.message.contains("(is the server using plaintext?"), "\(error.message)")
    accepted?.close()
  }

  @Test func silentServerTimesOutDuringTheHandshake() throws {
    let loop = EventLoop()
    let listener = try Listener(address: .tcp(host: "127.0.0.1", port: 0))
    defer { listener.close() }
    let result = try LoopDriver.connect(
      listener.localAddress, tls: TLSClientConfiguration(insecure: true),
      timeoutNanoseconds: 300_000_000, loop: loop)
    let error = LoopDriver.error(result)
    #expect(error?.kind == .timeout)
    #expect(error?.message == "TLS handshake with \(listener.localAddress) timed out after 300ms")
  }

  @Test func serverWithoutALPNIsRefused() throws {
    let fixture = try TLSTestFixture()
    let server = try PythonTLSServer(fixture.certificates)
    defer { server.stop() }
    let result = try LoopDriver.connect(
      .tcp(host: "127.0.0.1", port: server.port), tls: fixture.trusting, loop: fixture.loop)
    #expect(
      LoopDriver.error(result)?.message
        == "TLS handshake with 127.0.0.1:\(server.port) failed: "
        + "server did not negotiate HTTP/2 via ALPN")
  }
}
