import RouteGuideProtocol

/// How responses become bytes on stdout: the seam between the drivers, which hand over
/// messages, and the output format.
///
/// The sink calls it on the loop thread; `begin` before anything else is written and `end`
/// once, on every way a run ends that wrote `begin`'s text (including a closed pipe, where
/// nothing more can be written anyway).
protocol OutputFormatter: AnyObject {
  /// Text that opens the output, e.g. a document's header; nothing for line formats.
  func begin(into buffer: inout [UInt8])
  /// One response message.
  func append<Message: JSONMessage>(_ message: Message, into buffer: inout [UInt8])
  /// Text that closes the output.
  func end(into buffer: inout [UInt8])
}

extension OutputFormatter {
  func begin(into buffer: inout [UInt8]) {}
  func end(into buffer: inout [UInt8]) {}
}
