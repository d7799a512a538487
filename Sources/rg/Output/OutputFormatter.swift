import RouteGuideProtocol

/// How responses become bytes on stdout: the seam between the drivers, which hand over
/// messages, and the output format.
///
/// The sink calls it on the loop thread; `begin` before anything else is written and `end`
/// once, on every way a run ends that wrote `begin`'s text (a closed pipe excepted: nothing
/// can be written there any more).
protocol OutputFormatter: AnyObject {
  /// Text that opens the output, e.g. a document's header; nothing for line formats.
  func begin(into buffer: inout [UInt8])
  /// One response message.
  func append<Message: JSONMessage>(_ message: Message, into buffer: inout [UInt8])
  /// A failed call, in its place (`--errors json`).
  func appendError(_ error: CallError, into buffer: inout [UInt8])
  /// Whether `request` wants the request messages as they are sent.
  var observesRequests: Bool { get }
  /// One request message, as it is sent (e.g. the points of a recorded route).
  func request<Message: JSONMessage>(_ message: Message, into buffer: inout [UInt8])
  /// Text that closes the output.
  func end(into buffer: inout [UInt8])
}

extension OutputFormatter {
  func begin(into buffer: inout [UInt8]) {}
  var observesRequests: Bool { false }
  func request<Message: JSONMessage>(_ message: Message, into buffer: inout [UInt8]) {}
  func end(into buffer: inout [UInt8]) {}
}
