import RouteGuideProtocol

/// RecordRoute: counts the streamed points and answers one RouteSummary at the end.
final class RecordRouteCall: CallLogic {
  private var recorder: RouteRecorder
  private let clock: () -> UInt64
  private var finished = false

  /// `clock` gives monotonic nanoseconds; tests pass a fake one.
  init(database: FeatureDatabase, clock: @escaping () -> UInt64) {
    recorder = RouteRecorder(database: database)
    self.clock = clock
  }

  func receive(_ payload: [UInt8], _ responder: any CallResponder) {
    guard !finished else { return }
    do throws(GRPCStatus) {
      recorder.add(try Point.decodeRequest(payload), now: clock())
    } catch {
      finish(error, responder)
    }
  }

  func receiveEnd(_ responder: any CallResponder) {
    guard !finished else { return }
    responder.send(recorder.summary(now: clock()))
    finish(.ok, responder)
  }

  func cancel() { finished = true }

  private func finish(_ status: GRPCStatus, _ responder: any CallResponder) {
    finished = true
    responder.finish(status)
  }
}
