import RouteGuideProtocol
import RouteGuideTransport

extension ClientSession {
  /// `rg/<version>`, the user-agent of every call.
  static var userAgent: String { "rg/\(RGVersion.number)" }

  /// The driver for this run's method, reading the input the options name.
  func makeDriver() -> Result<any CallDriver, ClientOutcome> {
    let settings = CallSettings(
      metadata: options.headers, timeoutNanoseconds: options.timeoutNanoseconds,
      maxReceiveMessageSize: options.maxMessageSize, log: log)
    switch method {
    case .getFeature:
      return makeInput(Point.self).map {
        GetDriver(input: $0, settings: settings, sink: sink, concurrency: options.concurrency)
      }
    case .listFeatures:
      return makeInput(Rectangle.self).map {
        ListDriver(input: $0, settings: settings, sink: sink)
      }
    case .recordRoute:
      return makeInput(Point.self).map {
        StreamingDriver<Point, RouteSummary>(
          .recordRoute, input: $0, settings: settings, sink: sink)
      }
    case .routeChat:
      return makeInput(RouteNote.self).map {
        StreamingDriver<RouteNote, RouteNote>(.routeChat, input: $0, settings: settings, sink: sink)
      }
    }
  }

  private func makeInput<Message: JSONMessage>(
    _ type: Message.Type
  ) -> Result<MessageInput<Message>, ClientOutcome> {
    switch options.input {
    case .stdin:
      TerminalInputHint.showIfNeeded(for: method, input: options.input)
      let reader = InputReader(fd: 0, name: "stdin", ownsDescriptor: false, loop: loop)
      return .success(MessageInput(reader: reader, mapping: options.mapping))
    case .literal(let bytes):
      return .success(MessageInput(literal: bytes, sourceName: "--data", mapping: options.mapping))
    case .file(let path):
      return InputReader.open(path: path, loop: loop).map {
        MessageInput(reader: $0, mapping: options.mapping)
      }
    }
  }
}
