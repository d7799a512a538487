import RouteGuideProtocol
import RouteGuideTransport

/// A unary method (`get`): one call per input message, many in flight on one
/// connection, output in input order.
///
/// At most `window` calls are started but not yet printed: never more streams than the user's
/// --concurrency or the server's SETTINGS_MAX_CONCURRENT_STREAMS, and a slow first answer holds
/// back (and bounds) the answers queued behind it. The first failure in input order decides the
/// exit: answers before it are printed, and calls after it are cancelled, unless
/// `--keep-going`, which gives every input its call and reports each failure in its place.
final class UnaryDriver<Request: GRPCMessage, Response: GRPCMessage>: CallDriver,
  ClientCallDelegate
{
  var onFinish: ((ClientOutcome) -> Void)?
  private let method: MethodDescriptor<Request, Response>
  private let input: MessageInput<Request>
  private let settings: CallSettings
  private let sink: OutputSink
  private let concurrency: Int
  private let keepGoing: Bool
  private var channel: ClientChannel?
  /// Open calls by their index in the input.
  private var open: [Int: ClientCall] = [:]
  private var indexOfCall: [ObjectIdentifier: Int] = [:]
  /// The input line of each call not yet printed, for error messages.
  private var lines: [Int: Int] = [:]
  private var answers: [Int: Response] = [:]
  /// Calls that failed, waiting for their turn to be reported.
  private var failed: [Int: GRPCStatus] = [:]
  private var started = 0
  private var printed = 0
  private var inputEnded = false
  /// What ends the run early, from this input index on; its outcome is known once reported.
  private var stop: (index: Int, outcome: ClientOutcome?)?
  /// `--keep-going`: the exit status of the first failure in input order.
  private var firstFailureExit: Int32?
  private var finished = false
  /// Whether the server has answered anything yet; its SETTINGS come first on the connection,
  /// so only then is `maxConcurrentStreams` surely the server's limit rather than a default.
  private var serverSettingsKnown = false
  /// What HTTP2ClientConnection reports before the server's SETTINGS arrive.
  private static var assumedStreamLimit: Int { 100 }

  init(
    _ method: MethodDescriptor<Request, Response>, input: MessageInput<Request>,
    settings: CallSettings, sink: OutputSink, concurrency: Int, keepGoing: Bool = false
  ) {
    self.method = method
    self.input = input
    self.settings = settings
    self.sink = sink
    self.concurrency = max(1, concurrency)
    self.keepGoing = keepGoing
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
    while stop == nil && !inputEnded && started - printed < window {
      switch input.next() {
      case .message(let request): startCall(request)
      case .needMore: return
      case .end:
        inputEnded = true
        input.close()
      case .failed(let outcome): stop(at: started, outcome)
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
    lines[index] = input.lastLine
    call.send(request)
    call.closeSending()
  }

  /// A call failed: with `--keep-going` it is reported in its turn and the run goes on;
  /// without, it ends the run there (unless an earlier failure already did).
  private func callFailed(at index: Int, _ status: GRPCStatus) {
    answers[index] = nil
    // A call's first failure is its story (a bad answer, then the CANCELLED that follows).
    guard failed[index] == nil else { return }
    if let stop, stop.index <= index { return }
    failed[index] = status
    if !keepGoing { stop(at: index, nil) }
  }

  /// Ends the run at `index`: no more input is read, the calls after it are cancelled. The
  /// outcome is given (bad input) or comes when the failure there is reported.
  private func stop(at index: Int, _ outcome: ClientOutcome?) {
    if let stop, stop.index <= index { return }
    stop = (index, outcome)
    input.close()
    for (other, call) in open where other > index { call.cancel() }
  }

  /// Prints answers, and reports failures, in input order as far as they are known.
  private func printInOrder() {
    while printed <= (stop?.index ?? Int.max) {
      if let answer = answers.removeValue(forKey: printed) {
        sink.append(answer)
      } else if let status = failed.removeValue(forKey: printed) {
        report(status, at: printed)
      } else {
        return
      }
      lines[printed] = nil
      printed += 1
    }
  }

  private func report(_ status: GRPCStatus, at index: Int) {
    let position = input.position(ofLine: lines[index])
    guard keepGoing else {
      stop?.outcome = settings.report(status, at: position, sink: sink)
      return
    }
    if settings.errorsInOutput {
      sink.appendError(CallError(status: status, input: position))
    } else {
      ClientDiagnostics.error("\(position): \(status)")
    }
    if firstFailureExit == nil { firstFailureExit = ClientOutcome.exitCode(for: status.code) }
  }

  private func finishIfDone() {
    guard !finished, open.isEmpty, inputEnded || stop != nil else { return }
    finished = true
    let quietFailure = firstFailureExit.map { ClientOutcome.reportedFailure(exitCode: $0) }
    onFinish?(stop?.outcome ?? quietFailure ?? .ok)
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
      callFailed(at: index, error)
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
    if status.code != .ok { callFailed(at: index, status) }
    printInOrder()
    // A finished call means a round trip has passed (or a deadline far longer than one).
    serverSettingsKnown = true
    startCalls()
  }

  func callCanSendMore(_ call: ClientCall) {}
}
