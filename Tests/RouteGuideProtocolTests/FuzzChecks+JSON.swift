import RouteGuideProtocol

/// What reading a stream of JSON messages produced: the messages, then the error if any.
struct JSONReadOutcome<M: Equatable>: Equatable {
  var messages: [M] = []
  var error: JSONInputError?
}

extension FuzzChecks {
  /// Input: one control byte (bits 0-2: options, bits 3-7: how to chunk), then JSON text read
  /// as each of the five messages.
  static func json(_ input: [UInt8]) throws(FuzzFailure) {
    guard let control = input.first else { return }
    let text = Array(input.dropFirst())
    let options = JSONMappingOptions(
      emitDefaults: control & 1 != 0, protoNames: control & 2 != 0,
      allowUnknownFields: control & 4 != 0)
    let chunks = chunks(of: text, control: control)
    try jsonMessages(Point.self, text, chunks, options)
    try jsonMessages(Rectangle.self, text, chunks, options)
    try jsonMessages(Feature.self, text, chunks, options)
    try jsonMessages(RouteNote.self, text, chunks, options)
    try jsonMessages(RouteSummary.self, text, chunks, options)
  }

  /// `MessageReader` over the chunks must agree with `JSONReader` plus `M(json:)` over the
  /// whole text (fast path, general path and chunk boundaries are invisible), and every message
  /// must round-trip.
  static func jsonMessages<M: JSONMessage & ProtobufMessage & Equatable>(
    _: M.Type, _ text: [UInt8], _ chunks: [ArraySlice<UInt8>], _ options: JSONMappingOptions
  ) throws(FuzzFailure) {
    let streamed = try readMessages(M.self, chunks, options)
    let general = readGeneral(M.self, text, options)
    try expectEqual(streamed, general, "\(M.self): MessageReader in chunks vs. JSONReader")
    for message in streamed.messages {
      try roundTrip(message, options: options)
    }
  }

  /// Feeds the chunks, draining messages after each, then finishes and drains the rest.
  static func readMessages<M: JSONMessage>(
    _: M.Type, _ chunks: [ArraySlice<UInt8>], _ options: JSONMappingOptions
  ) throws(FuzzFailure) -> JSONReadOutcome<M> {
    var reader = MessageReader<M>(options: options)
    var outcome = JSONReadOutcome<M>()
    for chunk in chunks {
      chunk.withUnsafeBytes { reader.feed($0) }
      guard drain(&reader, into: &outcome) else { return outcome }
    }
    reader.finish()
    guard drain(&reader, into: &outcome) else {
      // A failed reader must keep failing with the same error.
      let again = Result { () throws(JSONInputError) in try reader.next() }
      guard case .failure(let error) = again, error == outcome.error else {
        throw FuzzFailure("\(M.self): after \(String(describing: outcome.error)) got \(again)")
      }
      return outcome
    }
    guard reader.isFinished else {
      throw FuzzFailure("\(M.self): the input ended cleanly but isFinished is false")
    }
    return outcome
  }

  /// Appends messages until `next()` gives nil (true) or throws (false, error recorded).
  static func drain<M: JSONMessage>(
    _ reader: inout MessageReader<M>, into outcome: inout JSONReadOutcome<M>
  ) -> Bool {
    do throws(JSONInputError) {
      while let message = try reader.next() { outcome.messages.append(message) }
      return true
    } catch {
      outcome.error = error
      return false
    }
  }

  /// The general path alone: every value parsed by `JSONReader`, then mapped.
  static func readGeneral<M: JSONMessage>(
    _: M.Type, _ text: [UInt8], _ options: JSONMappingOptions
  ) -> JSONReadOutcome<M> {
    var reader = JSONReader()
    reader.feed(text)
    reader.finish()
    var outcome = JSONReadOutcome<M>()
    do throws(JSONInputError) {
      while let value = try reader.nextValue() {
        outcome.messages.append(try M(json: value, options: options))
      }
    } catch {
      outcome.error = error
    }
    return outcome
  }

  /// Writes the message as an NDJSON line and as plain JSON, and reads both back.
  static func jsonRoundTrip<M: JSONMessage & Equatable>(
    _ message: M, options: JSONMappingOptions
  ) throws(FuzzFailure) {
    let prefix: [UInt8] = [0x20, 0x0A]
    var line = prefix
    message.appendJSONLine(to: &line, options: options)
    var writer = JSONWriter()
    message.writeJSON(to: &writer, options: options)
    try expectEqual(line, prefix + writer.bytes + [0x0A], "\(M.self): appendJSONLine vs writeJSON")
    guard !writer.bytes.contains(0x0A) else {
      throw FuzzFailure("\(M.self): compact JSON holds a newline: \(writer.bytes)")
    }
    let shown = String(decoding: writer.bytes, as: UTF8.self)
    let strict = JSONMappingOptions()
    let back = try readMessages(M.self, [line[...]], strict)
    try expectEqual(back, JSONReadOutcome(messages: [message]), "\(M.self) read back from \(shown)")
    try expectEqual(
      readGeneral(M.self, writer.bytes, strict), back, "\(M.self) general path on \(shown)")
    var again = JSONWriter()
    back.messages[0].writeJSON(to: &again, options: options)
    try expectEqual(again.bytes, writer.bytes, "\(M.self) re-written from \(shown)")
  }
}
