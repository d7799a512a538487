import RouteGuideProtocol

/// One ServerReflectionInfo stream: each request is answered at once, in order, until the
/// client half-closes.
///
/// A client that asks without reading is cut off with RESOURCE_EXHAUSTED past
/// `ResponseBacklog.reflectionLimit`, as RouteChat does: every question must be answered.
final class ReflectionCall: CallLogic {
  private let service: ReflectionService
  private var finished = false

  init(service: ReflectionService) {
    self.service = service
  }

  func receive(_ payload: [UInt8], _ responder: any CallResponder) {
    guard !finished else { return }
    do throws(GRPCStatus) {
      let request = try ServerReflectionRequest.decodeRequest(payload)
      responder.send(
        ServerReflectionResponse(
          validHost: request.host, originalRequest: request,
          answer: service.answer(request.question)))
      if responder.bufferedResponseBytes > ResponseBacklog.reflectionLimit {
        throw GRPCStatus(.resourceExhausted, "the client is not reading its reflection answers")
      }
    } catch {
      finish(error, responder)
    }
  }

  func receiveEnd(_ responder: any CallResponder) {
    guard !finished else { return }
    finish(.ok, responder)
  }

  func cancel() { finished = true }

  private func finish(_ status: GRPCStatus, _ responder: any CallResponder) {
    finished = true
    responder.finish(status)
  }
}
