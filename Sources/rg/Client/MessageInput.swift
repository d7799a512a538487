import RouteGuideProtocol
import RouteGuideTransport

/// A call's request messages, parsed from the input as it arrives.
///
/// Pull-driven: a driver calls `next()` until it gets `.needMore`; only then is the input read,
/// one chunk, after which `onReadable` asks the driver to pull again. A driver that stops
/// pulling (flow control, a full concurrency window) therefore stops the reading too.
final class MessageInput<Message: JSONMessage> {
  /// What `next()` found.
  enum Next {
    case message(Message)
    /// Nothing parsed yet; `onReadable` will be called when more input is in.
    case needMore
    /// The input ended after the last message.
    case end
    /// The input is bad or unreadable; stop.
    case failed(ClientOutcome)
  }

  /// Where the input comes from, for `rg: <source>:<line>:<col>: <message>`.
  let sourceName: String
  private var parser: MessageReader<Message>
  private let reader: InputReader?
  private var ended = false
  private var failure: ClientOutcome?
  private var waiting = false

  /// Called on the loop when more input (or its end) arrived after a `.needMore`.
  var onReadable: (() -> Void)?

  /// Input from a descriptor, read as the driver pulls.
  init(reader: InputReader, mapping: JSONMappingOptions) {
    sourceName = reader.name
    parser = MessageReader(options: mapping)
    self.reader = reader
  }

  /// Input given whole on the command line (`-d JSON`), as the bytes given.
  init(literal bytes: [UInt8], sourceName: String, mapping: JSONMappingOptions) {
    self.sourceName = sourceName
    parser = MessageReader(options: mapping)
    reader = nil
    parser.feed(bytes)
    parser.finish()
    ended = true
  }

  /// The next message, or why there is none now.
  func next() -> Next {
    if let failure { return .failed(failure) }
    do throws(JSONInputError) {
      if let message = try parser.next() { return .message(message) }
    } catch {
      return fail(.badInput(source: sourceName, error))
    }
    if ended { return .end }
    requestMore()
    return .needMore
  }

  /// Where the message `next()` returned last came from.
  var lastPosition: InputPosition { position(ofLine: parser.lastMessageLine) }

  /// The line the message `next()` returned last began on.
  var lastLine: Int { parser.lastMessageLine }

  func position(ofLine line: Int?) -> InputPosition {
    InputPosition(source: sourceName, line: line)
  }

  /// Stops reading the input (the call is over).
  func close() {
    reader?.close()
    onReadable = nil
  }

  private func requestMore() {
    guard !waiting, let reader else { return }
    waiting = true
    reader.requestChunk { [weak self] chunk in self?.received(chunk) }
  }

  private func received(_ chunk: InputReader.Chunk) {
    waiting = false
    switch chunk {
    case .bytes(let bytes): parser.feed(bytes)
    case .end:
      parser.finish()
      ended = true
    case .failed(let text): failure = .failure(text)
    }
    onReadable?()
  }

  private func fail(_ outcome: ClientOutcome) -> Next {
    failure = outcome
    reader?.close()
    return .failed(outcome)
  }
}
