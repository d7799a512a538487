import RouteGuideProtocol
import RouteGuideTransport

extension ClientSession {
  /// `rg/<version>`, the user-agent of every call.
  static var userAgent: String { "rg/\(RGVersion.number)" }

  /// The driver for `method`'s call shape, reading the input the options name; with
  /// `--dry-run`, the driver that prints the frames instead.
  func makeDriver<Request: GRPCMessage, Response: GRPCMessage>(
    for method: MethodDescriptor<Request, Response>
  ) -> Result<any CallDriver, ClientOutcome> {
    makeInput(for: method).map { input -> any CallDriver in
      if options.dryRun {
        return DryRunDriver(method, input: input, sink: sink, codec: requestCodec)
      }
      sink.formatter = makeFormatter(shape: method.shape)
      let settings = callSettings()
      switch method.shape {
      case .unary:
        return UnaryDriver(
          method, input: input, settings: settings, sink: sink, concurrency: options.concurrency,
          keepGoing: options.keepGoing)
      case .serverStreaming:
        return ServerStreamingDriver(method, input: input, settings: settings, sink: sink)
      case .clientStreaming, .bidiStreaming:
        return StreamingDriver(method, input: input, settings: settings, sink: sink)
      }
    }
  }

  /// The formatter `--format` names.
  func makeFormatter(shape: CallShape) -> any OutputFormatter {
    switch options.format {
    case .ndjson: NDJSONFormatter(mapping: options.mapping)
    case .json: PrettyJSONFormatter(mapping: options.mapping)
    case .geojson: GeoJSONFormatter(sequence: false, shape: shape, mapping: options.mapping)
    case .geojsonseq: GeoJSONFormatter(sequence: true, shape: shape, mapping: options.mapping)
    }
  }

  /// What the calls of this run share (ClientOptions' call options).
  func callSettings() -> CallSettings {
    CallSettings(
      metadata: options.headers, timeoutNanoseconds: options.timeoutNanoseconds,
      maxReceiveMessageSize: options.maxMessageSize, codecs: codecs, requestCodec: requestCodec,
      log: log, errorsInOutput: options.errors == .json)
  }

  /// The codec of --compress; nil for identity.
  var requestCodec: (any MessageCodec)? {
    options.compression.flatMap(codecs.codec(for:))
  }

  func makeInput<Request: GRPCMessage, Response>(
    for method: MethodDescriptor<Request, Response>
  ) -> Result<MessageInput<Request>, ClientOutcome> {
    switch options.input {
    case .stdin:
      TerminalInputHint.showIfNeeded(for: method, input: options.input)
      let reader = InputReader(fd: 0, name: "stdin", ownsDescriptor: false, loop: loop)
      return .success(MessageInput(reader: reader, mapping: options.mapping))
    case .literal(let bytes):
      return .success(MessageInput(literal: bytes, sourceName: "-d", mapping: options.mapping))
    case .file(let path):
      return InputReader.open(path: path, loop: loop).map {
        MessageInput(reader: $0, mapping: options.mapping)
      }
    }
  }
}
