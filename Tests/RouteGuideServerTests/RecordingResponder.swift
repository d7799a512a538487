import RouteGuideProtocol
import RouteGuideServer

/// A fake transport call: records what a call's logic sends and how it finishes.
final class RecordingResponder: CallResponder {
  /// Each sent message, encoded, in order.
  private(set) var sent: [[UInt8]] = []
  private(set) var statuses: [GRPCStatus] = []
  /// What the test says the peer has not read yet.
  var bufferedResponseBytes = 0
  /// Bytes each send adds to the backlog (to test backpressure).
  var bytesPerSend = 0

  func send(_ message: some ProtobufMessage) {
    sent.append(message.protobufBytes())
    bufferedResponseBytes += bytesPerSend
  }

  func finish(_ status: GRPCStatus) {
    statuses.append(status)
  }

  private(set) var isReceivingPaused = false
  private(set) var pauses = 0

  func pauseReceiving() {
    if !isReceivingPaused { pauses += 1 }
    isReceivingPaused = true
  }

  func resumeReceiving() {
    isReceivingPaused = false
  }

  func sentMessages<M: ProtobufMessage>(as type: M.Type) throws -> [M] {
    try sent.map { bytes in try M(protobuf: bytes) }
  }
}

extension FeatureDatabase {
  /// A small database with a duplicate location and an unnamed feature.
  static let sample = FeatureDatabase([
    Feature(name: "a", location: Point(latitude: 10, longitude: 10)),
    Feature(name: "b", location: Point(latitude: 20, longitude: -20)),
    Feature(name: "a again", location: Point(latitude: 10, longitude: 10)),
    Feature(name: "", location: Point(latitude: 30, longitude: 30)),
    Feature(name: "c", location: Point(latitude: -40, longitude: 40)),
  ])
}
