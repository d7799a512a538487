import RouteGuideProtocol
import RouteGuideTransport

/// `rg health` and `rg health --wait`: Health/Check, asked again while waiting.
///
/// With a wait deadline, a not-serving answer, UNAVAILABLE and a lost connection are tried
/// again with the channel's backoff until the deadline; then the last answer decides. The
/// answer is printed once, at the end.
final class HealthCheckDriver: CallDriver, ClientCallDelegate {
  var onFinish: ((ClientOutcome) -> Void)?
  private let request: HealthCheckRequest
  private let settings: CallSettings
  private let sink: OutputSink
  /// `--wait`: when to stop asking (EventLoop.now()); nil asks once.
  private let waitDeadline: UInt64?
  private var channel: ClientChannel?
  private var call: ClientCall?
  private var response: HealthCheckResponse?
  /// The answer was not a HealthCheckResponse: the call ends INTERNAL, whatever its status.
  private var decodeFailure: GRPCStatus?
  private var attempts = 0
  private var retryTimer: EventLoop.Token?
  private var finished = false

  init(request: HealthCheckRequest, settings: CallSettings, sink: OutputSink, waitDeadline: UInt64?)
  {
    self.request = request
    self.settings = settings
    self.sink = sink
    self.waitDeadline = waitDeadline
  }

  var retriesAfterLostConnection: Bool { waitDeadline != nil }

  func start(on channel: ClientChannel?) {
    guard let channel else { return }
    self.channel = channel
    ask()
  }

  func cancelAll() {
    finished = true
    if let retryTimer { channel?.loop.cancelTimer(retryTimer) }
    call?.cancel()
  }

  private func ask() {
    guard let channel, !finished else { return }
    attempts += 1
    response = nil
    decodeFailure = nil
    var timeout = settings.timeoutNanoseconds
    if let waitDeadline {
      // Each attempt may take what is left of the wait, no more.
      let now = EventLoop.now()
      timeout = max(waitDeadline > now ? waitDeadline - now : 0, 1_000_000)
    }
    let call = channel.startCall(
      ClientCallRequest(
        path: Health.check.path, metadata: settings.metadata, timeoutNanoseconds: timeout,
        maxReceiveMessageSize: settings.maxReceiveMessageSize, expectsSingleResponse: true),
      delegate: self)
    settings.log?.callStarted(call)
    self.call = call
    call.send(request)
    call.closeSending()
  }

  func callDidReceiveHeaders(_ call: ClientCall, headers: [(name: String, value: String)]) {
    settings.log?.headers(call, headers)
  }

  func callDidReceiveMessage(_ call: ClientCall, _ payload: [UInt8]) {
    do {
      response = try CallSettings.decode(payload, as: HealthCheckResponse.self)
    } catch {
      decodeFailure = error
      call.cancel()
    }
  }

  func callDidFinish(
    _ call: ClientCall, status: GRPCStatus, trailers: [(name: String, value: String)]
  ) {
    settings.log?.finished(call, status: status, trailers: trailers)
    self.call = nil
    guard !finished else { return }
    let verdict = HealthVerdict(
      status: decodeFailure ?? status, response: response, service: request.service)
    if verdict.isWorthWaitingFor, let delay = retryDelay() {
      settings.log?.event(
        "attempt \(attempts): \(verdict.summary); asking again in "
          + VerboseLog.milliseconds(delay))
      retryTimer = channel?.loop.schedule(after: delay) { [weak self] in
        self?.retryTimer = nil
        self?.ask()
      }
      return
    }
    finished = true
    if let answer = verdict.printedAnswer { sink.append(answer) }
    onFinish?(verdict.outcome)
  }

  /// The pause before the next attempt, if the wait has time for one.
  private func retryDelay() -> UInt64? {
    guard let waitDeadline else { return nil }
    return ClientChannel.retryDelay(afterFailures: attempts, deadline: waitDeadline)
  }

  func callCanSendMore(_ call: ClientCall) {}
}
