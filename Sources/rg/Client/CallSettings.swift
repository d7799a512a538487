import RouteGuideProtocol
import RouteGuideTransport

/// What every call of one rg run shares: metadata, deadline, receive limit, and the -v log.
struct CallSettings {
  let metadata: [(name: String, value: String)]
  let timeoutNanoseconds: UInt64?
  let maxReceiveMessageSize: Int
  let log: VerboseLog?

  /// Starts `method` on `channel` and logs its request headers under -v.
  func start(_ method: MethodInfo, on channel: ClientChannel, delegate: any ClientCallDelegate)
    -> ClientCall
  {
    let request = ClientCallRequest(
      path: method.path, metadata: metadata, timeoutNanoseconds: timeoutNanoseconds,
      maxReceiveMessageSize: maxReceiveMessageSize,
      expectsSingleResponse: !method.shape.isServerStreaming)
    let call = channel.startCall(request, delegate: delegate)
    log?.callStarted(call)
    return call
  }

  /// Decodes a response payload; a payload that is not the message is an INTERNAL status,
  /// as a gRPC library reports it.
  static func decode<Message: ProtobufMessage>(
    _ payload: [UInt8], as type: Message.Type
  ) -> Result<Message, GRPCStatus> {
    do throws(ProtobufDecodingError) {
      return .success(try Message(protobuf: payload))
    } catch {
      return .failure(GRPCStatus(.internal, "could not decode the response: \(error)"))
    }
  }
}
