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
      // Every note must be answered, so the answers cannot wait: the notes do. While the
      // client has not read the answers, its further notes stay unread and flow control
      // holds it back (a client that reads is never cut off).
      if responder.bufferedResponseBytes > ResponseBacklog.highWater {
        responder.pauseReceiving()
      }
    } catch {
      finish(error, responder)
    }
  }

  func canSendMore(_ responder: any CallResponder) {
    guard !finished, responder.isReceivingPaused else { return }
    responder.resumeReceiving()
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
