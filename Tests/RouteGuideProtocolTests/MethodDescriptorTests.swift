import RouteGuideProtocol
import Testing

@Suite struct MethodDescriptorTests {
  @Test func aDescriptorKnowsItsPathShapeAndMessages() {
    let method = RouteGuide.recordRoute
    #expect(method.path == "/routeguide.RouteGuide/RecordRoute")
    #expect(method.shape == .clientStreaming)
    #expect(method.info.requestType == "routeguide.Point")
    #expect(method.info.responseType == "routeguide.RouteSummary")
    #expect(method.info.service == "routeguide.RouteGuide")
    #expect(method.info.name == "RecordRoute")
  }

  @Test func shapesSayWhichSidesStream() {
    #expect(!CallShape.unary.isClientStreaming && !CallShape.unary.isServerStreaming)
    #expect(CallShape.serverStreaming.isServerStreaming)
    #expect(CallShape.clientStreaming.isClientStreaming)
    #expect(CallShape.bidiStreaming.isClientStreaming && CallShape.bidiStreaming.isServerStreaming)
  }

  @Test func servicesListTheirMethodsInProtoOrder() {
    #expect(
      RouteGuide.methods.map(\.name) == ["GetFeature", "ListFeatures", "RecordRoute", "RouteChat"])
    #expect(
      Health.methods.map(\.path) == [
        "/grpc.health.v1.Health/Check", "/grpc.health.v1.Health/Watch",
      ])
    #expect(Set((RouteGuide.methods + Health.methods).map(\.path)).count == 6)
  }
}

@Suite struct MethodDescriptorTypePackageTests {
  @Test func aTypePackageMovesTheMessageNames() {
    let method = MethodDescriptor<HealthCheckRequest, HealthCheckResponse>(
      service: "x.S", name: "M", shape: .unary, inputDescription: "", typePackage: "x")
    #expect(method.info.requestType == "x.HealthCheckRequest")
    #expect(method.info.responseType == "x.HealthCheckResponse")
    #expect(Health.check.info.requestType == "grpc.health.v1.HealthCheckRequest")
  }
}
