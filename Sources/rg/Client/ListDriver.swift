import RouteGuideProtocol
import RouteGuideTransport

/// `list`: exactly one Rectangle in, the Features of the stream out as they arrive.
///
/// The call starts as soon as the Rectangle has parsed; the rest of the input is still read, to
/// the end, because a second value is an error the user should hear about (exit 3).
final class ListDriver: CallDriver, ClientCallDelegate {
  var onFinish: ((ClientOutcome) -> Void)?
  private let input: MessageInput<Rectangle>
  private let settings: CallSettings
  private let sink: OutputSink
  private var channel: ClientChannel?
  private var call: ClientCall?
  private var callStatus: GRPCStatus?
  private var inputEnded = false
  private var failure: ClientOutcome?
  private var finished = false

  init(input: MessageInput<Rectangle>, settings: CallSettings, sink: OutputSink) {
    self.input = input
    self.settings = settings
    self.sink = sink
  }

  func start(on channel: ClientChannel) {
    self.channel = channel
    input.onReadable = { [weak self] in self?.readInput() }
    readInput()
  }

  func cancelAll() {
    input.close()
    call?.cancel()
  }

  private func readInput() {
    guard !inputEnded, failure == nil else { return }
    switch input.next() {
    case .message(let rectangle):
      if call == nil && callStatus == nil {
        startCall(rectangle)
        readInput()
      } else {
        fail(
          .unsuitableInput(
            "\(input.sourceName): list takes exactly one Rectangle, but the input has more"))
      }
    case .needMore: return
    case .end:
      inputEnded = true
      input.close()
      if call == nil && callStatus == nil {
        fail(
          .unsuitableInput("\(input.sourceName): list needs a Rectangle, but the input is empty"))
      }
      finishIfDone()
    case .failed(let outcome): fail(outcome)
    }
  }

  private func startCall(_ rectangle: Rectangle) {
    guard let channel else { return }
    let call = settings.start(.listFeatures, on: channel, delegate: self)
    self.call = call
    call.send(rectangle)
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
      outcome = .status(callStatus)
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

  func callDidReceiveMessage(_ call: ClientCall, _ payload: [UInt8]) {
    guard failure == nil else { return }
    switch CallSettings.decode(payload, as: Feature.self) {
    case .success(let feature): sink.append(feature)
    case .failure(let status): fail(.status(status))
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
