import Glibc
import RouteGuideProtocol
import Testing

@testable import RouteGuideTransport

/// The session's contract with nghttp2 (DESIGN §3): events reach the application only after
/// nghttp2 returned, re-entry is caught, and header blocks are held to their budget.
@Suite struct HTTP2SessionTests {
  static func framed(_ payload: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = []
    GRPCFraming.appendFrame(payload: payload, to: &bytes)
    return bytes
  }

  static let request: [(name: String, value: String)] = [
    (":method", "POST"), (":scheme", "http"), (":path", "/test.Service/Echo"),
    (":authority", "localhost"), ("te", "trailers"), ("content-type", "application/grpc"),
  ]

  @Test func eventsArriveAfterNghttp2Returned() throws {
    let loop = EventLoop()
    let (clientStream, serverStream) = try makeSocketPair()
    let server = try RawHTTP2Peer(role: .server, stream: serverStream, loop: loop)
    let client = try RawHTTP2Peer(stream: clientStream, loop: loop)
    server.onRequest = { peer, id in
      try? peer.respond(
        id, [(":status", "200"), ("content-type", "application/grpc")],
        body: Self.framed([7, 7]), end: .trailers([("grpc-status", "0")]))
    }
    let id = try client.request(Self.request, body: Self.framed([1, 2, 3]))
    try runLoop(loop) { client.closed[id] != nil }
    #expect(client.value("grpc-status", on: id) == "0")
    #expect(client.data[id] == Self.framed([7, 7]))
    #expect(client.eventCount >= 4)
    #expect(server.eventCount >= 4)
    #expect(client.eventsInsideLibrary == 0)
    #expect(server.eventsInsideLibrary == 0)
  }

  /// A data provider that calls back into the session is the bug that aborted rg and freed
  /// streams under nghttp2's feet; the debug-build guard must stop the process at once.
  @Test func reEntryFromInsideNghttp2Traps() async {
    await #expect(processExitsWith: .signal(SIGILL)) {
      let loop = EventLoop()
      guard let (clientStream, serverStream) = try? makeSocketPair(),
        let server = try? RawHTTP2Peer(role: .server, stream: serverStream, loop: loop),
        let client = try? RawHTTP2Peer(stream: clientStream, loop: loop)
      else { return }
      client.onReadBody = { peer in try? peer.session.submitPing() }
      _ = try? client.request(Self.request, body: [1])
      try? runLoop(loop, for: 2)
      withExtendedLifetime(server) {}
    }
  }

  /// nghttp2 answers PINGs itself; the application hears of each one afterwards (servers
  /// count them), and of whether HEADERS or DATA went out in between.
  @Test func peerPingsReachTheDelegateAlreadyAnswered() throws {
    let loop = EventLoop()
    let (clientStream, serverStream) = try makeSocketPair()
    let server = try RawHTTP2Peer(role: .server, stream: serverStream, loop: loop)
    let client = try RawHTTP2Peer(stream: clientStream, loop: loop)
    try client.ping()
    try client.ping()
    try runLoop(loop) { client.pingAcks == 2 }
    #expect(server.pings == 2 && client.pings == 0)
    #expect(server.eventsInsideLibrary == 0)
    // SETTINGS and PING ACKs are not data.
    #expect(!server.session.sentHeadersOrData)
    server.onRequest = { peer, id in
      try? peer.respond(id, [(":status", "200")], body: [1], end: .endStream)
    }
    let id = try client.request(Self.request, body: [])
    try runLoop(loop) { client.closed[id] != nil }
    #expect(server.session.sentHeadersOrData)
  }

  /// A GOAWAY with debug data ends the session once written, even with streams open.
  @Test func finalGoAwayEndsTheSessionWithStreamsOpen() throws {
    let loop = EventLoop()
    let (clientStream, serverStream) = try makeSocketPair()
    let server = try RawHTTP2Peer(role: .server, stream: serverStream, loop: loop)
    let client = try RawHTTP2Peer(stream: clientStream, loop: loop)
    let id = try client.request(Self.request, body: [1])
    try runLoop(loop) { server.headers[id] != nil }
    try server.session.submitFinalGoAway(HTTP2ErrorCode.enhanceYourCalm, debugData: "calm")
    server.pump.flush()
    try runLoop(loop) { server.closeError != nil && client.closeError != nil }
    #expect(client.goAways.last?.errorCode == HTTP2ErrorCode.enhanceYourCalm)
    #expect(client.goAways.last?.lastStreamID == id)
    // In order on the server's side: it asked for this end.
    if case .some(.some(let error)) = server.closeError {
      Issue.record("the server's end was reported as an error: \(error)")
    }
  }

  @Test func guardRefusesEntryWhileInsideAndWhileDispatching() throws {
    let session = try HTTP2Session(role: .client, settings: HTTP2Session.Settings())
    #expect(throws: Never.self) { try session.checkNotInsideLibrary("test") }
    session.isDispatching = true
    // Submitting from a handler is fine; reading or writing is the pump's job.
    #expect(throws: Never.self) { try session.checkNotInsideLibrary("nghttp2_submit_ping") }
    session.isDispatching = false
  }

  @Test func oversizedRequestHeadersAreRefusedAndTheConnectionLivesOn() throws {
    let pair = try HTTP2ServerConnectionTests.RawPair()
    let big = String(repeating: "a", count: 20 << 10)
    let id = try pair.client.request(Self.request + [("x-big", big)], body: Self.framed([1]))
    try runLoop(pair.loop) { pair.client.closed[id] != nil }
    #expect(pair.client.value("grpc-status", on: id) == "8")
    #expect(pair.client.value("grpc-message", on: id)?.contains("16 KiB") == true)
    #expect(pair.accepted.isEmpty)
    let good = try pair.client.request(Self.request, body: Self.framed([3]))
    try runLoop(pair.loop) { pair.client.closed[good] != nil }
    #expect(pair.client.value("grpc-status", on: good) == "0")
  }

  @Test func openCallsShareOneHeaderBudgetPerConnection() throws {
    let pair = try HTTP2ServerConnectionTests.RawPair(maxConcurrentStreams: 100)
    // Calls that never end hold their headers: 15 KiB each, against 256 KiB in all.
    pair.configure = { $0.onFinishReceiving = nil }
    let value = String(repeating: "b", count: 15 << 10)
    var ids: [Int32] = []
    for _ in 0..<20 {
      ids.append(try pair.client.request(Self.request + [("x-held", value)], body: []))
    }
    try runLoop(pair.loop) { pair.accepted.count + pair.client.closed.count == 20 }
    let perCall = HTTP2HeaderBlock.listSize(Self.request + [("x-held", value)])
    #expect(pair.accepted.count == HTTP2ServerConnection.maxHeldHeaderBytes / perCall)
    let refused = ids.filter { pair.client.closed[$0] != nil }
    #expect(!refused.isEmpty)
    for id in refused {
      #expect(pair.client.value("grpc-status", on: id) == "8")
    }
  }

  @Test func clientChecksTheServersHeaderLimitBeforeSending() throws {
    let pair = try HTTP2Pair()
    let delegate = RecordingClientDelegate()
    // The server's SETTINGS (16 KiB) must be in before the call is submitted.
    try pair.run { pair.client.settingsReceived }
    let call = pair.start(delegate, metadata: [("x-big", String(repeating: "c", count: 20 << 10))])
    call.closeSending()
    try pair.run { delegate.finishCount > 0 }
    #expect(delegate.status?.code == .resourceExhausted)
    #expect(delegate.status?.message.contains("SETTINGS_MAX_HEADER_LIST_SIZE") == true)
    #expect(pair.serverCalls.isEmpty)
  }

  @Test func headersNghttp2CannotSendFailTheCallClearly() throws {
    let loop = EventLoop()
    let (clientStream, serverStream) = try makeSocketPair()
    var unlimited = HTTP2Session.Settings()
    unlimited.maxHeaderListSize = UInt32.max
    let server = try RawHTTP2Peer(
      role: .server, stream: serverStream, loop: loop, settings: unlimited)
    let client = try HTTP2ClientConnection(
      stream: clientStream, loop: loop, authority: "test.local", scheme: "http",
      userAgent: "rg-tests/1")
    let delegate = RecordingClientDelegate()
    try runLoop(loop) { client.settingsReceived }
    let call = client.startCall(
      path: "/test.Service/Method", metadata: [("x-big", String(repeating: "d", count: 100_000))],
      timeoutNanoseconds: nil, maxReceiveMessageSize: 1 << 20, expectsSingleResponse: false,
      delegate: delegate)
    call.closeSending()
    try runLoop(loop) { delegate.finishCount > 0 }
    #expect(delegate.status?.code == .resourceExhausted)
    #expect(delegate.status?.message.contains("could not be sent") == true)
    #expect(server.headers.isEmpty)
  }
}
