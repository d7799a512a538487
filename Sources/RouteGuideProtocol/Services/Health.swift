/// `grpc.health.v1.Health`, the gRPC Health Checking Protocol (grpc/health/v1/health.proto).
public enum Health {
  public static let serviceName = "grpc.health.v1.Health"

  /// The status of one service now; NOT_FOUND for a service the server does not know.
  public static let check = MethodDescriptor<HealthCheckRequest, HealthCheckResponse>(
    service: serviceName, name: "Check", shape: .unary,
    inputDescription: "HealthCheckRequest JSON")
  /// The status now and at every change, until the client cancels.
  public static let watch = MethodDescriptor<HealthCheckRequest, HealthCheckResponse>(
    service: serviceName, name: "Watch", shape: .serverStreaming,
    inputDescription: "HealthCheckRequest JSON")

  public static let methods: [MethodInfo] = [check.info, watch.info]
}
