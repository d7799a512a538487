import RouteGuideProtocol
import RouteGuideTransport

/// A unary method (`get`, `health`): one call per input message, many in flight on one
/// connection, output in input order.
///
/// At most `window` calls are started but not yet printed: never more streams than the user's
/// --concurrency or the server's SETTINGS_MAX_CONCURRENT_STREAMS, and a slow first answer holds
/// back (and bounds) the answers queued behind it. The first failure in input order decides the
/// exit: answers before it are printed, calls after it are cancelled.
final class UnaryDriver<Request: GRPCMessage, Response: GRPCMessage>: CallDriver,
  ClientCallDelegate
{
  var onFinish: ((ClientOutcome) -> Void)?
  private let method: MethodDescriptor<Request, Response>
  private let input: MessageInput<Request>
  private let settings: CallSettings
  private let sink: OutputSink
  private let concurrency: Int
  private var channel: ClientChannel?
  /// Open calls by their index in the input.
  private var open: [Int: ClientCall] = [:]
  private var indexOfCall: [ObjectIdentifier: Int] = [:]
  private var answers: [Int: Response] = [:]
  private var started = 0
  private var printed = 0
  private var inputEnded = false
  private var failure: (index: Int, outcome: ClientOutcome)?
  private var finished = false
  /// Whether the server has answered anything yet; its SETTINGS come first on the connection,
  /// so only then is `maxConcurrentStreams` surely the server's limit rather than a default.
  private var serverSettingsKnown = false
  /// What HTTP2ClientConnection reports before the server's SETTINGS arrive.
  private static var assumedStreamLimit: Int { 100 }

  init(
    _ method: MethodDescriptor<Request, Response>, input: MessageInput<Request>,
    settings: CallSettings, sink: OutputSink, concurrency: Int
  ) {
    self.method = method
    self.input = input
    self.settings = settings
    self.sink = sink
    self.concurrency = max(1, concurrency)
  }

  // Specialized for `get`: called through the CallDriver and ClientCallDelegate protocols, the
  // generic code looks up generic metadata for every message (+17% instructions for 10k
  // calls, callgrind); specialized, the per-call path runs without it.
  @_specialize(where Request == Point, Response == Feature)
  func start(on channel: ClientChannel?) {
    guard let channel else { return }
    self.channel = channel
    channel.onStreamCapacity = { [weak self] in self?.startCalls() }
    input.onReadable = { [weak self] in self?.startCalls() }
    startCalls()
  }

  func cancelAll() {
    input.close()
    for call in open.values { call.cancel() }
  }

  /// One call until the server's limit is known: a server that allows fewer streams than the
  /// assumed default resets the extra ones (grpcio: ENHANCE_YOUR_CALM). Any other value than
  /// the default is the server's own, and a raised limit calls `onStreamCapacity`.
  private var window: Int {
    let limit = channel?.maxConcurrentStreams ?? 1
    guard serverSettingsKnown || limit != Self.assumedStreamLimit else { return 1 }
    return min(concurrency, max(1, limit))
  }

  /// The first sign of life from the server opens the window to its real size.
  private func serverAnswered() {
    guard !serverSettingsKnown else { return }
    serverSettingsKnown = true
    startCalls()
  }

  @_specialize(where Request == Point, Response == Feature)
  private func startCalls() {
    while failure == nil && !inputEnded && started - printed < window {
      switch input.next() {
      case .message(let request): startCall(request)
      case .needMore: return
      case .end:
        inputEnded = true
        input.close()
      case .failed(let outcome): fail(at: started, outcome)
      }
    }
    finishIfDone()
  }

  private func startCall(_ request: Request) {
    guard let channel else { return }
    let index = started
    started += 1
    let call = settings.start(method.info, on: channel, delegate: self)
    open[index] = call
    indexOfCall[ObjectIdentifier(call)] = index
    call.send(request)
    call.closeSending()
  }

  /// Records a failure at `index` unless an earlier one is known; cancels the calls after it.
  private func fail(at index: Int, _ outcome: ClientOutcome) {
    if let failure, failure.index <= index { return }
    failure = (index, outcome)
    input.close()
    for (other, call) in open where other > index { call.cancel() }
  }

  private func printInOrder() {
    while printed < (failure?.index ?? Int.max), let answer = answers.removeValue(forKey: printed) {
      sink.append(answer)
      printed += 1
    }
  }

  private func finishIfDone() {
    guard !finished, open.isEmpty, inputEnded || failure != nil else { return }
    finished = true
    onFinish?(failure?.outcome ?? .ok)
  }

  func callDidReceiveHeaders(_ call: ClientCall, headers: [(name: String, value: String)]) {
    settings.log?.headers(call, headers)
    serverAnswered()
  }

  @_specialize(where Request == Point, Response == Feature)
  func callDidReceiveMessage(_ call: ClientCall, _ payload: [UInt8]) {
    guard let index = indexOfCall[ObjectIdentifier(call)] else { return }
    do throws(GRPCStatus) {
      answers[index] = try CallSettings.decode(payload, as: Response.self)
    } catch {
      fail(at: index, .status(error))
      call.cancel()
    }
  }

  @_specialize(where Request == Point, Response == Feature)
  func callDidFinish(
    _ call: ClientCall, status: GRPCStatus, trailers: [(name: String, value: String)]
  ) {
    settings.log?.finished(call, status: status, trailers: trailers)
    guard let index = indexOfCall.removeValue(forKey: ObjectIdentifier(call)) else { return }
    open[index] = nil
    if status.code != .ok {
      answers[index] = nil
      fail(at: index, .status(status))
    }
    printInOrder()
    // A finished call means a round trip has passed (or a deadline far longer than one).
    serverSettingsKnown = true
    startCalls()
  }

  func callCanSendMore(_ call: ClientCall) {}
}
