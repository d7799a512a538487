/// `grpc.reflection.v1alpha.ServerReflection`: the first version of reflection, the same
/// messages in another package, still the only one many clients speak.
public enum ReflectionV1Alpha {
  public static let serviceName = "grpc.reflection.v1alpha.ServerReflection"

  public static let serverReflectionInfo = MethodDescriptor<
    ServerReflectionRequest, ServerReflectionResponse
  >(
    service: serviceName, name: "ServerReflectionInfo", shape: .bidiStreaming,
    inputDescription: "ServerReflectionRequests as NDJSON", typePackage: "grpc.reflection.v1alpha")

  public static let methods: [MethodInfo] = [serverReflectionInfo.info]
}
