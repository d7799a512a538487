import RouteGuideProtocol
import RouteGuideTransport

/// A server-streaming method (`list`): exactly one request in, the stream's
/// responses out as they arrive.
///
/// The call starts as soon as the request has parsed; the rest of the input is still read, to
/// the end, because a second value is an error the user should hear about (exit 3).
final class ServerStreamingDriver<Request: GRPCMessage, Response: GRPCMessage>: CallDriver,
  ClientCallDelegate
{
  var onFinish: ((ClientOutcome) -> Void)?
  private let method: MethodDescriptor<Request, Response>
  private let input: MessageInput<Request>
  private let settings: CallSettings
  private let sink: OutputSink
  private var channel: ClientChannel?
  private var call: ClientCall?
  private var callStatus: GRPCStatus?
  /// Where the call's request came from, for its error.
  private var requestPosition: InputPosition?
  private var inputEnded = false
  private var failure: ClientOutcome?
  private var finished = false

  init(
    _ method: MethodDescriptor<Request, Response>, input: MessageInput<Request>,
    settings: CallSettings, sink: OutputSink
  ) {
    self.method = method
    self.input = input
    self.settings = settings
    self.sink = sink
  }

  // Specialized for `list` (see UnaryDriver): generic metadata lookups for every streamed
  // message cost +38% instructions on a 100k-feature list.
  @_specialize(where Request == Rectangle, Response == Feature)
  func start(on channel: ClientChannel?) {
    guard let channel else { return }
    self.channel = channel
    input.onReadable = { [weak self] in self?.readInput() }
    readInput()
  }

  func cancelAll() {
    input.close()
    call?.cancel()
  }

  @_specialize(where Request == Rectangle, Response == Feature)
  private func readInput() {
    guard !inputEnded, failure == nil else { return }
    switch input.next() {
    case .message(let request):
      if call == nil && callStatus == nil {
        startCall(request)
        readInput()
      } else {
        fail(
          .unsuitableInput(
            "\(input.sourceName): \(method.name) takes exactly one \(Self.requestName), but "
              + "the input has more"))
      }
    case .needMore: return
    case .end:
      inputEnded = true
      input.close()
      if call == nil && callStatus == nil {
        fail(
          .unsuitableInput(
            "\(input.sourceName): \(method.name) needs a \(Self.requestName), but the input is "
              + "empty"))
      }
      finishIfDone()
    case .failed(let outcome): fail(outcome)
    }
  }

  /// `Rectangle` of `routeguide.Rectangle`.
  private static var requestName: Substring {
    Request.protoMessageName.split(separator: ".").last ?? ""
  }

  private func startCall(_ request: Request) {
    guard let channel else { return }
    requestPosition = input.lastPosition
    let call = settings.start(method.info, on: channel, delegate: self)
    self.call = call
    call.send(request)
    call.closeSending()
  }

  private func fail(_ outcome: ClientOutcome) {
    guard failure == nil else { return }
    failure = outcome
    input.close()
    call?.cancel()
    finishIfDone()
  }

  /// Done when the call has ended and, if it ended OK, the input has been checked to its end.
  private func finishIfDone() {
    guard !finished, call == nil else { return }
    let outcome: ClientOutcome
    if let failure {
      outcome = failure
    } else if let callStatus, callStatus.code != .ok {
      outcome = settings.report(
        callStatus, at: requestPosition ?? input.position(ofLine: nil), sink: sink)
    } else if inputEnded && callStatus != nil {
      outcome = .ok
    } else {
      return
    }
    finished = true
    input.close()
    onFinish?(outcome)
  }

  func callDidReceiveHeaders(_ call: ClientCall, headers: [(name: String, value: String)]) {
    settings.log?.headers(call, headers)
  }

  @_specialize(where Request == Rectangle, Response == Feature)
  func callDidReceiveMessage(_ call: ClientCall, _ payload: [UInt8]) {
    guard failure == nil else { return }
    do throws(GRPCStatus) {
      sink.append(try CallSettings.decode(payload, as: Response.self))
    } catch {
      fail(settings.report(error, at: requestPosition ?? input.position(ofLine: nil), sink: sink))
    }
  }

  func callDidFinish(
    _ call: ClientCall, status: GRPCStatus, trailers: [(name: String, value: String)]
  ) {
    settings.log?.finished(call, status: status, trailers: trailers)
    self.call = nil
    callStatus = status
    finishIfDone()
  }

  func callCanSendMore(_ call: ClientCall) {}
}
