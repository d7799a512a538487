import RouteGuideProtocol

/// RouteChat: each note is answered with the earlier notes at its location, then kept.
///
/// Which notes are "earlier" depends on the board: the call's own (the tutorial) or one
/// board for all calls (`--shared-chat`).
final class RouteChatCall: CallLogic {
  private let board: RouteChatBoard
  private var finished = false

  init(board: RouteChatBoard) {
    self.board = board
  }

  func receive(_ payload: [UInt8], _ responder: any CallResponder) {
    guard !finished else { return }
    do throws(GRPCStatus) {
      let note = try RouteNote.decodeRequest(payload)
      for earlier in board.post(note) { responder.send(earlier) }
      if responder.bufferedResponseBytes > ResponseBacklog.chatLimit {
        throw GRPCStatus(.resourceExhausted, "the client is not reading its RouteChat answers")
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
