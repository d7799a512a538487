import Foundation
import RouteGuideProtocol
import TestSupport
import Testing

/// The descriptors compiled into rg are what grpcio-tools' protoc makes of the .proto files,
/// and those files describe what gRPC's own packages register.
@Suite struct BuiltinDescriptorsTests {
  static let source =
    RepoPaths.root + "/Sources/RouteGuideProtocol/Descriptors/BuiltinDescriptors.swift"
  static let generator = RepoPaths.interop + "/generate_builtin_descriptors.py"

  @Test func generatedFileMatchesTheProtoFiles() throws {
    let result = try Subprocess.python([Self.generator], timeout: 120)
    #expect(result.status == 0, "\(result.stderrText)")
    let committed = try String(contentsOfFile: Self.source, encoding: .utf8)
    #expect(
      result.stdoutText == committed,
      "BuiltinDescriptors.swift is stale: regenerate it with generate_builtin_descriptors.py")
  }

  @Test func protoFilesDescribeWhatGrpcioRegisters() throws {
    let result = try Subprocess.python([Self.generator, "--verify-upstream"], timeout: 120)
    #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
  }

  @Test func everyFileDecodesUnderItsName() throws {
    #expect(
      BuiltinDescriptors.files.map(\.name) == [
        "route_guide.proto", "grpc/health/v1/health.proto",
        "grpc/reflection/v1/reflection.proto", "grpc/reflection/v1alpha/reflection.proto",
      ])
    for (name, bytes) in BuiltinDescriptors.files {
      let file = try FileDescriptorProto(protobuf: bytes)
      #expect(file.name == name)
      #expect(file.syntax == "proto3")
      #expect(file.dependencies.isEmpty)
    }
  }

  @Test func theServicesAreTheOnesRgServes() throws {
    var pool = DescriptorPool()
    for (_, bytes) in BuiltinDescriptors.files {
      try pool.add(try FileDescriptorProto(protobuf: bytes))
    }
    for (service, methods) in [
      (RouteGuide.serviceName, RouteGuide.methods), (Health.serviceName, Health.methods),
      (Reflection.serviceName, Reflection.methods),
      (ReflectionV1Alpha.serviceName, ReflectionV1Alpha.methods),
    ] {
      let described = try #require(pool.service(service), "\(service)")
      #expect(described.methods.map(\.name) == methods.map(\.name))
      for (method, info) in zip(described.methods, methods) {
        #expect(method.shape == info.shape, "\(info.path)")
        #expect(method.inputType == "." + info.requestType, "\(info.path)")
        #expect(method.outputType == "." + info.responseType, "\(info.path)")
      }
    }
  }
}
