import Glibc
import Testing

@testable import RouteGuideTransport

/// The address order of the connect race (RFC 8305 §4); the race itself is tested end to end
/// with a dead first address (EndToEndTests/AddressResolutionTests).
@Suite struct ConnectRaceTests {
  static func address(_ host: String) throws -> SocketAddress {
    try #require(try Resolver.resolve(host: host, port: 1).first)
  }

  @Test func familiesAlternateAfterTheFirstAddress() throws {
    let v6a = try Self.address("::1")
    let v6b = try Self.address("::2")
    let v4a = try Self.address("127.0.0.1")
    let v4b = try Self.address("127.0.0.2")
    let order = ConnectRace.interleaved([v6a, v6b, v4a, v4b]).map(\.serverAddress.description)
    #expect(order == ["[::1]:1", "127.0.0.1:1", "[::2]:1", "127.0.0.2:1"])
    let fromV4 = ConnectRace.interleaved([v4a, v6a, v6b]).map(\.serverAddress.description)
    #expect(fromV4 == ["127.0.0.1:1", "[::1]:1", "[::2]:1"])
    #expect(ConnectRace.interleaved([]).isEmpty)
  }

  @Test func aRefusedOnlyAddressFailsAtOnce() throws {
    let loop = try EventLoop()
    let listener = try Listener(address: .tcp(host: "127.0.0.1", port: 0))
    guard case .tcp(_, let port) = listener.localAddress else { return }
    listener.close()
    var result: Result<(Int32, SocketAddress), TransportError>?
    let race = ConnectRace(
      candidates: try Resolver.resolve(host: "127.0.0.1", port: port), label: "here", loop: loop
    ) { outcome in
      result = outcome
      loop.stop()
    }
    race.start()
    if result == nil { try loop.run() }
    guard case .failure(let error) = result else {
      Issue.record("expected a failure, got \(String(describing: result))")
      return
    }
    #expect(error.message == "connection refused by here")
  }
}
