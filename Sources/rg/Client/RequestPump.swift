import RouteGuideProtocol
import RouteGuideTransport

/// Moves a streaming call's input into the call as fast as the call takes it.
///
/// Reading stops while more than `highWater` encoded bytes wait to be sent and resumes on
/// `callCanSendMore`; the end of the input half-closes the call; bad input cancels it
/// (RST_STREAM CANCEL), never half-closes, so the server never takes a truncated stream for a
/// whole one.
final class RequestPump<Message: JSONMessage & ProtobufMessage> {
  /// Encoded-but-unsent request bytes above which input is not read.
  static var highWater: Int { 1 << 20 }

  private let input: MessageInput<Message>
  private weak var call: ClientCall?
  /// Where each request is shown as it is sent, when the output format shows requests.
  private let sink: OutputSink?
  private(set) var isDone = false
  /// Why the input stopped early; set before the call is cancelled, so the driver's
  /// `callDidFinish` (which `cancel()` runs at once) already sees it.
  private(set) var failure: ClientOutcome?

  init(input: MessageInput<Message>, call: ClientCall, shownIn sink: OutputSink? = nil) {
    self.input = input
    self.call = call
    self.sink = sink
    input.onReadable = { [weak self] in self?.pump() }
  }

  /// Sends what the input has, up to the high-water mark.
  func pump() {
    guard !isDone, let call else { return }
    while call.bufferedRequestBytes < Self.highWater {
      switch input.next() {
      case .message(let message):
        call.send(message)
        sink?.request(message)
      case .needMore: return
      case .end:
        isDone = true
        call.closeSending()
        return
      case .failed(let outcome):
        stop()
        failure = outcome
        call.cancel()
        return
      }
    }
  }

  /// Stops reading input (the call ended or is being cancelled).
  func stop() {
    isDone = true
    input.close()
  }
}
