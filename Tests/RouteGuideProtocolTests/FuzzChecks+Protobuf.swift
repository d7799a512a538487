import RouteGuideProtocol

extension FuzzChecks {
  /// Input: protobuf bytes decoded as each of the five messages.
  static func protobuf(_ input: [UInt8]) throws(FuzzFailure) {
    try protobufMessage(Point.self, input)
    try protobufMessage(Rectangle.self, input)
    try protobufMessage(Feature.self, input)
    try protobufMessage(RouteNote.self, input)
    try protobufMessage(RouteSummary.self, input)
  }

  /// A rejected input names an offset inside it; an accepted one round-trips, and decoding it
  /// twice over (protobuf merges a concatenation) gives the same message.
  static func protobufMessage<M: JSONMessage & ProtobufMessage & Equatable>(
    _: M.Type, _ input: [UInt8]
  ) throws(FuzzFailure) {
    let message: M
    do throws(ProtobufDecodingError) {
      message = try M(protobuf: input)
    } catch {
      guard error.offset >= 0, error.offset <= input.count else {
        throw FuzzFailure("\(M.self): error offset outside the \(input.count) bytes: \(error)")
      }
      return
    }
    let twice: M
    do throws(ProtobufDecodingError) {
      twice = try M(protobuf: input + input)
    } catch {
      throw FuzzFailure("\(M.self): the input decodes, but twice over it fails: \(error)")
    }
    try expectEqual(twice, message, "\(M.self) decoded from the input twice over")
    try roundTrip(message, options: JSONMappingOptions(emitDefaults: input.count & 1 == 1))
  }
}
