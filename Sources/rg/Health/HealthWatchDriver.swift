import RouteGuideProtocol
import RouteGuideTransport

/// `rg health --watch`: Health/Watch, one line per status until the server ends the stream.
///
/// The run's exit says how it ended: the last status when the server ended the stream in
/// order (0 SERVING, 4 otherwise), or the error.
final class HealthWatchDriver: CallDriver, ClientCallDelegate {
  var onFinish: ((ClientOutcome) -> Void)?
  private let request: HealthCheckRequest
  private let settings: CallSettings
  private let sink: OutputSink
  private var call: ClientCall?
  private var last: HealthCheckResponse?
  private var decodeFailure: GRPCStatus?

  init(request: HealthCheckRequest, settings: CallSettings, sink: OutputSink) {
    self.request = request
    self.settings = settings
    self.sink = sink
  }

  func start(on channel: ClientChannel?) {
    guard let channel else { return }
    let call = settings.start(Health.watch.info, on: channel, delegate: self)
    self.call = call
    call.send(request)
    call.closeSending()
  }

  func cancelAll() {
    call?.cancel()
  }

  func callDidReceiveHeaders(_ call: ClientCall, headers: [(name: String, value: String)]) {
    settings.log?.headers(call, headers)
  }

  func callDidReceiveMessage(_ call: ClientCall, _ payload: [UInt8]) {
    do throws(GRPCStatus) {
      let response = try CallSettings.decode(payload, as: HealthCheckResponse.self)
      last = response
      sink.append(response)
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
    if let decodeFailure {
      onFinish?(.status(decodeFailure))
      return
    }
    if status.code == .ok, let last {
      onFinish?(
        HealthVerdict(status: status, response: last, service: request.service).outcome)
    } else {
      onFinish?(
        HealthVerdict(status: status, response: nil, service: request.service).outcome)
    }
  }

  func callCanSendMore(_ call: ClientCall) {}
}
