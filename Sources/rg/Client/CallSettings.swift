import RouteGuideProtocol
import RouteGuideTransport

/// What every call of one rg run shares: metadata, deadline, receive limit, compression, and
/// the -v log.
struct CallSettings {
  let metadata: [(name: String, value: String)]
  let timeoutNanoseconds: UInt64?
  let maxReceiveMessageSize: Int
  /// The encodings responses may use, and the one requests use (nil: identity).
  var codecs: MessageCodecs?
  var requestCodec: (any MessageCodec)?
  let log: VerboseLog?
  /// `--errors json`: failed calls are written in the output, not on stderr.
  var errorsInOutput = false

  /// Starts `method` on `channel` and logs its request headers under -v.
  func start(_ method: MethodInfo, on channel: ClientChannel, delegate: any ClientCallDelegate)
    -> ClientCall
  {
    let request = ClientCallRequest(
      path: method.path, metadata: metadata, timeoutNanoseconds: timeoutNanoseconds,
      maxReceiveMessageSize: maxReceiveMessageSize,
      expectsSingleResponse: !method.shape.isServerStreaming, codecs: codecs,
      requestCodec: requestCodec)
    let call = channel.startCall(request, delegate: delegate)
    log?.callStarted(call)
    return call
  }

  /// Reports a failed call where `--errors` says: in the output (the driver's outcome then
  /// carries only the exit status), or as the outcome's stderr line.
  func report(_ status: GRPCStatus, at input: InputPosition, sink: OutputSink) -> ClientOutcome {
    guard errorsInOutput else { return .status(status, input: input) }
    sink.appendError(CallError(status: status, input: input))
    return .reportedFailure(exitCode: ClientOutcome.exitCode(for: status.code))
  }

  /// Decodes a response payload; a payload that is not the message is an INTERNAL status,
  /// as a gRPC library reports it. (It throws rather than return a Result: in the specialized
  /// drivers a Result's generic metadata was looked up for every message.)
  static func decode<Message: ProtobufMessage>(
    _ payload: [UInt8], as type: Message.Type
  ) throws(GRPCStatus) -> Message {
    do throws(ProtobufDecodingError) {
      return try Message(protobuf: payload)
    } catch {
      throw GRPCStatus(.internal, "could not decode the response: \(error)")
    }
  }
}
