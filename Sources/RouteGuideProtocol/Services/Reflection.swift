/// `grpc.reflection.v1.ServerReflection`, gRPC server reflection
/// (grpc/reflection/v1/reflection.proto).
public enum Reflection {
  public static let serviceName = "grpc.reflection.v1.ServerReflection"

  /// One bidi stream: each request is a question, answered in order.
  public static let serverReflectionInfo = MethodDescriptor<
    ServerReflectionRequest, ServerReflectionResponse
  >(
    service: serviceName, name: "ServerReflectionInfo", shape: .bidiStreaming,
    inputDescription: "ServerReflectionRequests as NDJSON")

  public static let methods: [MethodInfo] = [serverReflectionInfo.info]
}
