import RouteGuideProtocol
import RouteGuideTransport

/// `rg describe`: one ServerReflectionInfo stream, driven question by question by a
/// ReflectionConversation; v1 first, then v1alpha when the server answers UNIMPLEMENTED.
///
/// Nothing is printed until the stream ended OK, so a run that fails half-way prints only its
/// `rg:` line. An answer that makes no sense cancels the stream (RST_STREAM) and ends the run
/// with INTERNAL, as an undecodable response does.
final class DescribeDriver: CallDriver, ClientCallDelegate {
  var onFinish: ((ClientOutcome) -> Void)?
  private var conversation: ReflectionConversation
  private let mode: DescribeMode
  private let format: DescribeFormat
  private let settings: CallSettings
  private let sink: OutputSink
  private var channel: ClientChannel?
  private var call: ClientCall?
  private var onV1Alpha = false
  /// Answers on the current stream: a stream that answered once is not retried on v1alpha.
  private var answers = 0
  /// Decided once the last answer came; printed when the stream ends OK.
  private var report: DescribeReport?
  /// Our own reason to cancel the stream, which outranks the CANCELLED it causes.
  private var failure: ClientOutcome?

  init(mode: DescribeMode, format: DescribeFormat, settings: CallSettings, sink: OutputSink) {
    conversation = ReflectionConversation(goal: mode.goal)
    self.mode = mode
    self.format = format
    self.settings = settings
    self.sink = sink
  }

  func start(on channel: ClientChannel?) {
    guard let channel else { return }
    self.channel = channel
    open(Reflection.serverReflectionInfo.info)
  }

  func cancelAll() {
    call?.cancel()
  }

  private func open(_ method: MethodInfo) {
    guard let channel else { return }
    answers = 0
    let call = settings.start(method, on: channel, delegate: self)
    self.call = call
    call.send(conversation.start())
  }

  func callDidReceiveHeaders(_ call: ClientCall, headers: [(name: String, value: String)]) {
    settings.log?.headers(call, headers)
  }

  func callDidReceiveMessage(_ call: ClientCall, _ payload: [UInt8]) {
    guard failure == nil else { return }
    answers += 1
    guard report == nil else {
      return fail("the server sent another answer after the last question", call)
    }
    let response: ServerReflectionResponse
    do throws(GRPCStatus) {
      response = try CallSettings.decode(payload, as: ServerReflectionResponse.self)
    } catch {
      failure = .status(error)
      return call.cancel()
    }
    switch conversation.receive(response) {
    case .ask(let request):
      call.send(request)
    case .done(let result):
      report = .answered(result, mode: mode, format: format)
      call.closeSending()
    case .refused(let status):
      report = .refused(status, mode: mode, format: format)
      call.closeSending()
    case .broken(let reason):
      fail(reason, call)
    }
  }

  private func fail(_ reason: String, _ call: ClientCall) {
    failure = .status(GRPCStatus(.internal, "reflection: \(reason)"))
    call.cancel()
  }

  func callDidFinish(
    _ call: ClientCall, status: GRPCStatus, trailers: [(name: String, value: String)]
  ) {
    settings.log?.finished(call, status: status, trailers: trailers)
    self.call = nil
    if let failure { return finish(failure) }
    if status.code == .unimplemented, answers == 0, !onV1Alpha {
      // Many servers (grpcio, older grpc-go and grpc-java) still serve only v1alpha.
      onV1Alpha = true
      settings.log?.event("no grpc.reflection.v1 service; asking grpc.reflection.v1alpha")
      return open(ReflectionV1Alpha.serverReflectionInfo.info)
    }
    guard status.code == .ok else { return finish(.status(hinted(status))) }
    guard let report else {
      let question = ReflectionConversation.describe(conversation.pending?.question)
      return finish(
        .status(
          GRPCStatus(
            .internal, "reflection: the server ended the stream without answering \(question)")))
    }
    for line in report.lines { sink.appendLine(line) }
    finish(report.outcome)
  }

  /// UNIMPLEMENTED on both versions: the server has no reflection at all.
  private func hinted(_ status: GRPCStatus) -> GRPCStatus {
    guard status.code == .unimplemented, answers == 0 else { return status }
    var hinted = status
    hinted.message +=
      (hinted.message.isEmpty ? "" : " ")
      + "(the server has no reflection service, neither \(Reflection.serviceName) nor "
      + "\(ReflectionV1Alpha.serviceName): enable server reflection on it)"
    return hinted
  }

  private func finish(_ outcome: ClientOutcome) {
    onFinish?(outcome)
  }

  func callCanSendMore(_ call: ClientCall) {}
}
