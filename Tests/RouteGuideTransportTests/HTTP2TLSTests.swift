import RouteGuideProtocol
import TestSupport
import Testing

@testable import RouteGuideTransport

/// Both connection classes over io's TLS streams, where bytes can wait inside OpenSSL.
@Suite struct HTTP2TLSTests {
  final class TLSPair {
    let loop = EventLoop()
    let listener: Listener
    var server: HTTP2ServerConnection?
    var client: HTTP2ClientConnection?
    var handlers: [ScriptedHandler] = []

    init() throws {
      let certificates = try TestCertificates.shared()
      listener = try Listener(address: .tcp(host: "127.0.0.1", port: 0))
      let context = try TLSServerContext(
        TLSServerConfiguration(
          certificateFile: certificates.serverCertificate, keyFile: certificates.serverKey))
      // The server side handshakes inside read/write, so its connection starts at accept.
      loop.watch(listener.fd, for: .readable) { [unowned self] _ in
        guard let accepted = try? listener.accept(), let stream = try? context.wrap(accepted)
        else { return }
        server = try? HTTP2ServerConnection(
          stream: stream, loop: loop, maxConcurrentStreams: 100, maxReceiveMessageSize: 4 << 20,
          acceptCall: { [unowned self] call in
            let handler = ScriptedHandler()
            call.handler = handler
            handlers.append(handler)
          })
      }
      guard case .tcp(_, let port) = listener.localAddress else {
        throw HarnessError(description: "listener has no port")
      }
      var result: Result<any ByteStream, TransportError>?
      Connector.connect(
        to: .tcp(host: "localhost", port: port),
        tls: TLSClientConfiguration(caFile: certificates.caCertificate),
        timeoutNanoseconds: 5_000_000_000, loop: loop
      ) { result = $0 }
      try runLoop(loop) { result != nil }
      guard case .success(let stream) = result else {
        throw HarnessError(description: "TLS connect failed: \(String(describing: result))")
      }
      client = try HTTP2ClientConnection(
        stream: stream, loop: loop, authority: "localhost:\(port)", scheme: "https",
        userAgent: "rg-tests/1")
    }
  }

  @Test func bidiStreamOfManyMessagesOverTLS() throws {
    let pair = try TLSPair()
    let client = try #require(pair.client)
    let delegate = RecordingClientDelegate()
    let call = client.startCall(
      path: "/test.Service/Echo", metadata: [], timeoutNanoseconds: nil,
      maxReceiveMessageSize: 1 << 20, expectsSingleResponse: false, delegate: delegate)
    for index in 0..<20_000 {
      call.send(RawMessage([UInt8(truncatingIfNeeded: index)] + [UInt8](repeating: 7, count: 100)))
    }
    call.closeSending()
    try runLoop(pair.loop, seconds: 30) { delegate.finishCount > 0 }
    #expect(delegate.status == .ok)
    #expect(delegate.messages.count == 20_000)
    #expect(delegate.messages.last?.first == UInt8(truncatingIfNeeded: 19_999))
  }

  @Test func pausedReadingResumesWithBytesHeldInsideTLS() throws {
    let pair = try TLSPair()
    let client = try #require(pair.client)
    let delegate = RecordingClientDelegate()
    delegate.onMessage = { _, _ in
      if delegate.messages.count % 500 == 0 { client.pauseReading() }
    }
    let call = client.startCall(
      path: "/test.Service/Echo", metadata: [], timeoutNanoseconds: nil,
      maxReceiveMessageSize: 1 << 20, expectsSingleResponse: false, delegate: delegate)
    for _ in 0..<5_000 { call.send(RawMessage(count: 50)) }
    call.closeSending()
    let deadline = EventLoop.now() + 30_000_000_000
    while delegate.finishCount == 0 && EventLoop.now() < deadline {
      try pair.loop.runOnce(maxWait: 5)
      if client.isReadingPaused { client.resumeReading() }
    }
    #expect(delegate.status == .ok)
    #expect(delegate.messages.count == 5_000)
  }
}
