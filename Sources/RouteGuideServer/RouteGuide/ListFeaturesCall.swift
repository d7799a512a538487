import RouteGuideProtocol

/// ListFeatures: every feature inside the rectangle, in database order, sent as fast as the
/// peer reads and no faster.
final class ListFeaturesCall: CallLogic {
  private let database: FeatureDatabase
  private var request = SingleRequest<Rectangle>()
  private var listing: FeatureDatabase.Listing?
  private var finished = false

  init(database: FeatureDatabase) {
    self.database = database
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
    guard !finished, listing == nil else { return }
    do throws(GRPCStatus) {
      listing = database.features(in: try request.end())
      pump(responder)
    } catch {
      finish(error, responder)
    }
  }

  func canSendMore(_ responder: any CallResponder) {
    guard !finished, listing != nil else { return }
    pump(responder)
  }

  func cancel() { finished = true }

  /// Sends until the backlog reaches the high-water mark or the listing ends.
  private func pump(_ responder: any CallResponder) {
    while responder.bufferedResponseBytes < ResponseBacklog.highWater {
      guard let feature = listing?.next() else {
        finish(.ok, responder)
        return
      }
      responder.send(feature)
    }
  }

  private func finish(_ status: GRPCStatus, _ responder: any CallResponder) {
    finished = true
    responder.finish(status)
  }
}
