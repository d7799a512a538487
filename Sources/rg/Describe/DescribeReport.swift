import ArgumentParsing
import RouteGuideProtocol

/// What `rg describe` asks for.
enum DescribeMode: Hashable {
  /// No SYMBOL: the services.
  case services
  /// A SYMBOL's definition.
  case symbol(String)
  /// `--check`: the server's RouteGuide against rg's.
  case check

  /// The conversation that answers it.
  var goal: ReflectionConversation.Goal {
    switch self {
    case .services: .services
    case .symbol(let symbol): .symbol(symbol)
    case .check: .symbol(RouteGuide.serviceName)
    }
  }
}

/// How `rg describe` prints.
enum DescribeFormat: String, CaseIterable {
  /// Proto source, as `grpcurl describe` prints it; services one per line.
  case text
  /// One compact JSON object per symbol (or per difference, with --check).
  case json
}

/// The lines a finished `rg describe` prints and how it ends: a pure function of what the
/// server answered.
struct DescribeReport {
  /// Each line with its newline.
  let lines: [[UInt8]]
  let outcome: ClientOutcome

  /// The report of a conversation that learnt what it asked.
  static func answered(_ result: ReflectionResult, mode: DescribeMode, format: DescribeFormat)
    -> DescribeReport
  {
    switch result {
    case .services(let names):
      let lines = names.sorted().map { name in
        format == .json ? DescribeJSON.service(named: name) : textLine(name)
      }
      return DescribeReport(lines: lines, outcome: .ok)
    case .symbol(let symbol, let pool):
      if mode == .check {
        return differences(RouteGuideCheck.builtin().differences(server: pool), format)
      }
      let lines =
        format == .json
        ? [DescribeJSON.symbol(symbol, pool: pool)]
        : ProtoSourceRenderer(pool: pool).lines(for: symbol).map(textLine)
      return DescribeReport(lines: lines, outcome: .ok)
    }
  }

  /// The report of a question the server answered with an error.
  static func refused(_ status: GRPCStatus, mode: DescribeMode, format: DescribeFormat)
    -> DescribeReport
  {
    let detail = status.message.isEmpty ? "" : ": \(status.message)"
    switch (mode, status.code) {
    case (.check, .notFound):
      let service = RouteGuideCheck.builtin().serviceName
      return differences([.init(symbol: service, text: "the server has no such service")], format)
    case (.symbol(let symbol), .notFound):
      return DescribeReport(
        lines: [],
        outcome: .status(
          GRPCStatus(.notFound, "the server does not know \(quotedText(symbol))\(detail)")))
    default:
      return DescribeReport(
        lines: [],
        outcome: .status(GRPCStatus(status.code, "reflection: the server refused\(detail)")))
    }
  }

  /// --check's report: one line per difference; exit 1 when there is one.
  static func differences(_ differences: [RouteGuideCheck.Difference], _ format: DescribeFormat)
    -> DescribeReport
  {
    let lines = differences.map { difference in
      guard format == .json else { return textLine(difference.line) }
      var writer = JSONWriter()
      writer.beginObject()
      writer.writeKey("symbol")
      writer.writeString(difference.symbol)
      writer.writeKey("difference")
      writer.writeString(difference.text)
      writer.endObject()
      return writer.bytes + [0x0A]
    }
    let count = differences.count
    guard count > 0 else { return DescribeReport(lines: lines, outcome: .ok) }
    return DescribeReport(
      lines: lines,
      outcome: .failure(
        "the server's \(RouteGuide.serviceName) differs from the one rg speaks in \(count) "
          + (count == 1 ? "place" : "places")))
  }

  /// One line of text output. Names come from the server: a newline or an escape sequence in
  /// one must not split a line or reach the terminal as a command (JSON output escapes them
  /// itself).
  private static func textLine(_ text: String) -> [UInt8] {
    Array((TerminalText.escaped(text) + "\n").utf8)
  }
}
