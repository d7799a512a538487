import Glibc
import Testing

@testable import RouteGuideTransport

/// The CONNECT request and the parts of the answer ProxyTunnel reads (the exchange itself is
/// tested against tinyproxy in EndToEndTests/ProxyTests).
@Suite struct ProxyTunnelTests {
  @Test func theRequestNamesTheTargetAndCarriesBasicCredentials() {
    let plain = HTTPProxy(host: "p", port: 3128).connectRequest(to: .tcp(host: "::1", port: 443))
    #expect(
      String(decoding: plain, as: UTF8.self)
        == "CONNECT [::1]:443 HTTP/1.1\r\nHost: [::1]:443\r\n\r\n")
    let authorized = HTTPProxy(host: "p", port: 1, user: "Aladdin", password: "open sesame")
      .connectRequest(to: .tcp(host: "grpc.io", port: 443))
    #expect(
      String(decoding: authorized, as: UTF8.self)
        == "CONNECT grpc.io:443 HTTP/1.1\r\nHost: grpc.io:443\r\n"
        + "Proxy-Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n\r\n")
  }

  @Test func theHeaderEndsAtTheFirstBlankLine() {
    let answer = Array("HTTP/1.1 200 OK\r\nVia: x\r\n\r\nPRI * HTTP/2.0".utf8)
    #expect(ProxyTunnel.headerEnd(answer) == 27)
    #expect(ProxyTunnel.headerEnd(Array("HTTP/1.1 200 OK\r\n\r".utf8)) == nil)
    #expect(ProxyTunnel.headerEnd([]) == nil)
  }

  @Test func theProxysWordsArePrintable() {
    #expect(ProxyTunnel.printable("407 Auth\u{1B}[31m") == "407 Auth?[31m")
    #expect(ProxyTunnel.printable(String(repeating: "x", count: 500)).count == 120)
  }

  /// What follows the answer's header is the server's: the tunnel must leave it unread.
  @Test func onlyTheAnswersHeaderIsTakenOffTheSocket() throws {
    var fds: [Int32] = [0, 0]
    #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
    defer { close(fds[0]); close(fds[1]) }
    SocketOptions.setNonBlocking(fds[0])
    let loop = try EventLoop()
    var result: Result<Void, TransportError>?
    let tunnel = ProxyTunnel(
      fd: fds[0], proxy: HTTPProxy(host: "p", port: 1), target: .tcp(host: "s", port: 2),
      loop: loop
    ) { outcome in
      result = outcome
      loop.stop()
    }
    let answer = Array("HTTP/1.1 200 Connection established\r\n\r\nSERVER".utf8)
    #expect(answer.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) } == answer.count)
    tunnel.start()
    if result == nil { try loop.run() }
    #expect((try? result?.get()) != nil)
    var rest = [UInt8](repeating: 0, count: 16)
    let count = rest.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
    #expect(Array(rest.prefix(max(count, 0))) == Array("SERVER".utf8))
  }
}
