/// Where a call's request came from, for messages: `stdin:2`, `-d:1`, `route.ndjson:7`, or
/// just the source when a call was made from all of it (`record`, `chat`).
struct InputPosition: Hashable, Sendable, CustomStringConvertible {
  let source: String
  /// The line the request began on; nil for a call made from the whole input.
  let line: Int?

  var description: String { line.map { "\(source):\($0)" } ?? source }
}
