import RouteGuideProtocol

/// What a call's logic needs from the transport: send, watch the backlog, finish.
///
/// The transport's ServerCall conforms to it; tests use a recording fake, so every method's
/// semantics are checked with plain values and bytes.
public protocol CallResponder: AnyObject {
  func send(_ message: some ProtobufMessage)
  /// Encoded response bytes the peer has not taken yet.
  var bufferedResponseBytes: Int { get }
  func finish(_ status: GRPCStatus)
  /// Stops handing over request messages until `resumeReceiving`: the client is held back by
  /// flow control (for logic that must answer every request and cannot stop answering).
  func pauseReceiving()
  func resumeReceiving()
  var isReceivingPaused: Bool { get }
}
