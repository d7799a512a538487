import Foundation
import Glibc
import Testing

@testable import RouteGuideTransport

/// Listener: TCP on IPv4 and IPv6 with port 0, unix sockets, accept without pending clients.
@Suite struct ListenerTests {
  private func temporaryPath(_ name: String) -> String {
    "/tmp/rg-listener-\(getpid())-\(name).sock"
  }

  @Test func portZeroReportsTheRealPort() throws {
    let listener = try Listener(address: .tcp(host: "127.0.0.1", port: 0))
    defer { listener.close() }
    guard case .tcp(let host, let port) = listener.localAddress else {
      Issue.record("not TCP: \(listener.localAddress)")
      return
    }
    #expect(host == "127.0.0.1")
    #expect(port != 0)
  }

  @Test func acceptReturnsNilWhenNothingIsPending() throws {
    let listener = try Listener(address: .tcp(host: "127.0.0.1", port: 0))
    defer { listener.close() }
    #expect(try listener.accept() == nil)
  }

  @Test func acceptsOverIPv6() throws {
    let loop = EventLoop()
    let server = try EchoServer(.tcp(host: "::1", port: 0), loop: loop)
    defer { server.stop() }
    #expect(server.address.description.hasPrefix("[::1]:"))
    let stream = try LoopDriver.connect(server.address, loop: loop).get()
    defer { stream.close() }
    try LoopDriver.run(loop) { server.connections.count == 1 }
    #expect(server.connections[0].stream.peerDescription.hasPrefix("[::1]:"))
  }

  @Test func unixSocketEchoesAndCloseRemovesTheFile() throws {
    let path = temporaryPath("echo")
    let loop = EventLoop()
    let server = try EchoServer(.unix(path: path), loop: loop)
    #expect(server.address == .unix(path: path))
    let stream = try LoopDriver.connect(.unix(path: path), loop: loop).get()
    try LoopDriver.writeAll(stream, Array("ping".utf8), loop: loop)
    #expect(try LoopDriver.read(stream, count: 4, loop: loop) == Array("ping".utf8))
    stream.close()
    server.stop()
    #expect(access(path, F_OK) != 0)
  }

  @Test func staleUnixSocketFileIsReplaced() throws {
    let path = temporaryPath("stale")
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    let address = try SocketAddress(unixPath: path)
    #expect(address.withSockAddr { bind(fd, $0, $1) } == 0)
    close(fd)  // leaves the file behind with nobody listening
    let listener = try Listener(address: .unix(path: path))
    listener.close()
  }

  @Test func liveUnixSocketIsNotStolen() throws {
    let path = temporaryPath("live")
    let first = try Listener(address: .unix(path: path))
    defer { first.close() }
    #expect {
      try Listener(address: .unix(path: path))
    } throws: { error in
      (error as? TransportError)?.message == "cannot listen on unix:\(path): Address already in use"
    }
  }

  /// Connecting to a regular file fails with ECONNREFUSED as to a stale socket does: before
  /// the file-type check, the listener deleted the file and took its place.
  @Test func aFileThatIsNotASocketIsNeverReplaced() throws {
    let path = temporaryPath("notes")
    #expect(FileManager.default.createFile(atPath: path, contents: Data("keep me".utf8)))
    defer { unlink(path) }
    #expect {
      try Listener(address: .unix(path: path))
    } throws: { error in
      (error as? TransportError)?.message
        == "cannot listen on unix:\(path): it exists and is not a socket (left as it is)"
    }
    #expect(FileManager.default.contents(atPath: path) == Data("keep me".utf8))
  }

  @Test func overlongUnixPathIsRefused() {
    let path = "/tmp/" + String(repeating: "x", count: 200)
    #expect {
      try Listener(address: .unix(path: path))
    } throws: { error in
      (error as? TransportError)?.message.hasPrefix("invalid unix socket path") == true
    }
  }

  @Test func portInUseIsAnError() throws {
    let first = try Listener(address: .tcp(host: "127.0.0.1", port: 0))
    defer { first.close() }
    guard case .tcp(_, let port) = first.localAddress else { return }
    #expect {
      try Listener(address: .tcp(host: "127.0.0.1", port: port))
    } throws: { error in
      (error as? TransportError)?.message
        == "cannot listen on 127.0.0.1:\(port): Address already in use"
    }
  }
}
