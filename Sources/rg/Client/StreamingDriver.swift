import RouteGuideProtocol
import RouteGuideTransport

/// A client- or bidi-streaming method (`record`, `chat`): one call whose requests stream from
/// the input while it is open.
///
/// Bidi (`chat`) prints each answer as it arrives (full duplex: answers show while stdin is
/// still open); client streaming (`record`) holds its one answer and prints it only when the
/// call ends OK.
final class StreamingDriver<Request: GRPCMessage, Response: GRPCMessage>: CallDriver,
  ClientCallDelegate
{
  var onFinish: ((ClientOutcome) -> Void)?
  private let method: MethodDescriptor<Request, Response>
  private let input: MessageInput<Request>
  private let settings: CallSettings
  private let sink: OutputSink
  private var call: ClientCall?
  private var pump: RequestPump<Request>?
  private var heldResponse: Response?
  private var decodeFailure: GRPCStatus?

  init(
    _ method: MethodDescriptor<Request, Response>, input: MessageInput<Request>,
    settings: CallSettings,
    sink: OutputSink
  ) {
    self.method = method
    self.input = input
    self.settings = settings
    self.sink = sink
  }

  // Specialized for the two uses: called through the CallDriver and ClientCallDelegate
  // protocols, the generic code looked up generic metadata for every message, 60% of
  // `rg record`'s time (perf); specialized, the JSON-to-frame path runs without it.
  @_specialize(where Request == Point, Response == RouteSummary)
  @_specialize(where Request == RouteNote, Response == RouteNote)
  func start(on channel: ClientChannel?) {
    guard let channel else { return }
    let call = settings.start(method.info, on: channel, delegate: self)
    self.call = call
    let pump = RequestPump(input: input, call: call, shownIn: sink.observesRequests ? sink : nil)
    self.pump = pump
    pump.pump()
  }

  func cancelAll() {
    pump?.stop()
    call?.cancel()
  }

  func callDidReceiveHeaders(_ call: ClientCall, headers: [(name: String, value: String)]) {
    settings.log?.headers(call, headers)
  }

  @_specialize(where Request == Point, Response == RouteSummary)
  @_specialize(where Request == RouteNote, Response == RouteNote)
  func callDidReceiveMessage(_ call: ClientCall, _ payload: [UInt8]) {
    guard decodeFailure == nil else { return }
    do throws(GRPCStatus) {
      let response = try CallSettings.decode(payload, as: Response.self)
      if method.shape.isServerStreaming {
        sink.append(response)
      } else {
        heldResponse = response
      }
    } catch {
      decodeFailure = error
      pump?.stop()
      call.cancel()
    }
  }

  func callDidFinish(
    _ call: ClientCall, status: GRPCStatus, trailers: [(name: String, value: String)]
  ) {
    settings.log?.finished(call, status: status, trailers: trailers)
    pump?.stop()
    self.call = nil
    // Our own reasons to cancel come first: the CANCELLED status they cause is not news.
    let outcome: ClientOutcome
    if let failure = pump?.failure {
      outcome = failure
    } else if let decodeFailure {
      outcome = settings.report(decodeFailure, at: input.position(ofLine: nil), sink: sink)
    } else if status.code != .ok {
      outcome = settings.report(status, at: input.position(ofLine: nil), sink: sink)
    } else {
      if let heldResponse { sink.append(heldResponse) }
      outcome = .ok
    }
    onFinish?(outcome)
  }

  @_specialize(where Request == Point, Response == RouteSummary)
  @_specialize(where Request == RouteNote, Response == RouteNote)
  func callCanSendMore(_ call: ClientCall) {
    pump?.pump()
  }
}
