import RouteGuideProtocol

/// GetFeature: the first feature at exactly the point, or an unnamed Feature at that point.
final class GetFeatureCall: CallLogic {
  private let database: FeatureDatabase
  private var request = SingleRequest<Point>()
  private var finished = false

  init(database: FeatureDatabase) {
    self.database = database
  }

  /// The tutorial's answer; the location is always set, even when nothing is there.
  static func answer(_ point: Point, in database: FeatureDatabase) -> Feature {
    database.feature(at: point) ?? Feature(name: "", location: point)
  }

  func receive(_ payload: [UInt8], _ responder: any CallResponder) {
    guard !finished else { return }
    do throws(GRPCStatus) {
      try request.receive(payload)
    } catch {
      finish(error, responder)
    }
  }

  func receiveEnd(_ responder: any CallResponder) {
    guard !finished else { return }
    do throws(GRPCStatus) {
      let point = try request.end()
      responder.send(Self.answer(point, in: database))
      finish(.ok, responder)
    } catch {
      finish(error, responder)
    }
  }

  func cancel() { finished = true }

  private func finish(_ status: GRPCStatus, _ responder: any CallResponder) {
    finished = true
    responder.finish(status)
  }
}
