import Glibc
import RouteGuideProtocol
import Testing

@testable import RouteGuideTransport

/// Raw protobuf bytes as a message, so transport tests do not depend on message encodings.
struct RawMessage: ProtobufMessage {
  var bytes: [UInt8]

  init() { bytes = [] }
  init(_ bytes: [UInt8]) { self.bytes = bytes }
  init(count: Int, fill: UInt8 = 0x61) { bytes = [UInt8](repeating: fill, count: count) }
  init(protobuf: UnsafeRawBufferPointer) throws(ProtobufDecodingError) { bytes = Array(protobuf) }

  /// Raw bytes are not fields: decoding goes through `init(protobuf:)` above, never here.
  mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    throw ProtobufDecodingError(offset: reader.offset, "RawMessage is not merged field by field")
  }

  func encodeProtobuf(into writer: inout ProtobufWriter) {
    writer.bytes.append(contentsOf: bytes)
  }
}

struct HarnessError: Error, CustomStringConvertible {
  var description: String
}

/// Two connected non-blocking unix sockets as SocketStreams.
func makeSocketPair() throws -> (SocketStream, SocketStream) {
  var fds: [Int32] = [-1, -1]
  guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0 else {
    throw HarnessError(description: "socketpair failed: errno \(errno)")
  }
  for fd in fds {
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
  }
  return (
    SocketStream(fd: fds[0], peerDescription: "test-server"),
    SocketStream(fd: fds[1], peerDescription: "test-client")
  )
}

/// Runs `loop` until `condition` holds; throws after `seconds`.
func runLoop(_ loop: EventLoop, seconds: Double = 10, until condition: () -> Bool) throws {
  let deadline = EventLoop.now() + UInt64(seconds * 1e9)
  while !condition() {
    guard EventLoop.now() < deadline else {
      throw HarnessError(description: "condition not met after \(seconds)s")
    }
    try loop.runOnce(maxWait: 10)
  }
}

/// Runs `loop` for about `seconds`, whatever happens.
func runLoop(_ loop: EventLoop, for seconds: Double) throws {
  let deadline = EventLoop.now() + UInt64(seconds * 1e9)
  while EventLoop.now() < deadline { try loop.runOnce(maxWait: 5) }
}

/// Records everything a ClientCall reports; optional hooks react to events.
final class RecordingClientDelegate: ClientCallDelegate {
  var headers: [(name: String, value: String)]?
  var messages: [[UInt8]] = []
  var status: GRPCStatus?
  var trailers: [(name: String, value: String)] = []
  var finishCount = 0
  var canSendMoreCount = 0
  var messagesAfterFinish = 0
  var onMessage: ((ClientCall, [UInt8]) -> Void)?
  var onCanSendMore: ((ClientCall) -> Void)?
  var onFinish: ((ClientCall) -> Void)?

  func callDidReceiveHeaders(_ call: ClientCall, headers: [(name: String, value: String)]) {
    self.headers = headers
  }

  func callDidReceiveMessage(_ call: ClientCall, _ payload: [UInt8]) {
    if finishCount > 0 { messagesAfterFinish += 1 }
    messages.append(payload)
    onMessage?(call, payload)
  }

  func callDidFinish(
    _ call: ClientCall, status: GRPCStatus, trailers: [(name: String, value: String)]
  ) {
    finishCount += 1
    self.status = status
    self.trailers = trailers
    onFinish?(call)
  }

  func callCanSendMore(_ call: ClientCall) {
    canSendMoreCount += 1
    onCanSendMore?(call)
  }
}

/// A server handler driven by closures; by default it echoes and ends OK on half-close.
final class ScriptedHandler: ServerCallHandler {
  var messages: [[UInt8]] = []
  var finishedReceiving = false
  var cancelled = false
  var onMessage: ((ServerCall, [UInt8]) -> Void)? = { call, payload in
    call.send(RawMessage(payload))
  }
  var onFinishReceiving: ((ServerCall) -> Void)? = { call in call.finish(.ok) }
  var onCanSendMore: ((ServerCall) -> Void)?

  func callDidReceiveMessage(_ call: ServerCall, _ payload: [UInt8]) {
    messages.append(payload)
    onMessage?(call, payload)
  }

  func callDidFinishReceiving(_ call: ServerCall) {
    finishedReceiving = true
    onFinishReceiving?(call)
  }

  func callWasCancelled(_ call: ServerCall) {
    cancelled = true
  }

  func callCanSendMore(_ call: ServerCall) {
    onCanSendMore?(call)
  }
}

/// A client and a server connection over a socketpair on one EventLoop.
final class HTTP2Pair {
  let loop = EventLoop()
  let client: HTTP2ClientConnection
  let server: HTTP2ServerConnection
  var serverCalls: [ServerCall] = []
  var handlers: [ScriptedHandler] = []
  var clientClose: TransportError??
  var serverClosed = false
  /// Builds the handler of each accepted call; the default echoes.
  var makeHandler: (ServerCall) -> ScriptedHandler = { _ in ScriptedHandler() }

  init(
    maxConcurrentStreams: UInt32 = 100, serverMaxReceive: Int = 4 << 20,
    serverCodecs: MessageCodecs = MessageCodecs([]), responseCodec: (any MessageCodec)? = nil
  ) throws {
    let (clientStream, serverStream) = try makeSocketPair()
    client = try HTTP2ClientConnection(
      stream: clientStream, loop: loop, authority: "test.local", scheme: "http",
      userAgent: "rg-tests/1")
    var accept: ((ServerCall) -> Void)?
    server = try HTTP2ServerConnection(
      stream: serverStream, loop: loop, maxConcurrentStreams: maxConcurrentStreams,
      maxReceiveMessageSize: serverMaxReceive, codecs: serverCodecs, responseCodec: responseCodec,
      acceptCall: { accept?($0) })
    accept = { [unowned self] call in
      let handler = makeHandler(call)
      call.handler = handler
      serverCalls.append(call)
      handlers.append(handler)
    }
    client.onClose = { [unowned self] error in clientClose = .some(error) }
    server.onClose = { [unowned self] in serverClosed = true }
  }

  /// Starts a call on `path` with the given options.
  func start(
    _ delegate: RecordingClientDelegate, path: String = "/test.Service/Method",
    metadata: [(name: String, value: String)] = [], timeout: UInt64? = nil,
    maxReceive: Int = 4 << 20, unary: Bool = false
  ) -> ClientCall {
    client.startCall(
      path: path, metadata: metadata, timeoutNanoseconds: timeout,
      maxReceiveMessageSize: maxReceive, expectsSingleResponse: unary, delegate: delegate)
  }

  /// Starts a call whose request carries `codecs` (grpc-accept-encoding) and is compressed
  /// with `requestCodec`.
  func start(
    _ delegate: RecordingClientDelegate, codecs: MessageCodecs?,
    requestCodec: (any MessageCodec)? = nil, metadata: [(name: String, value: String)] = []
  ) -> ClientCall {
    let request = ClientCallRequest(
      path: "/test.Service/Method", metadata: metadata, expectsSingleResponse: false,
      codecs: codecs, requestCodec: requestCodec)
    let call = ClientCall(request, headers: client.requestHeaders(for: request), delegate: delegate)
    client.enqueue(call)
    return call
  }

  func run(seconds: Double = 10, until condition: () -> Bool) throws {
    try runLoop(loop, seconds: seconds, until: condition)
  }
}
