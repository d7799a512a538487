import RouteGuideProtocol

/// gRPC server reflection, `grpc.reflection.v1` or `v1alpha` (the same questions and answers):
/// which services the server exports and the descriptors that define them, so grpcurl and
/// other clients can call it without the .proto files.
public final class ReflectionService: GRPCService {
  /// The two versions rg serves: v1, and v1alpha for the many clients that speak only it.
  public enum Version: Sendable {
    case v1
    case v1alpha
  }

  public let version: Version
  private let index: ReflectionIndex
  private let serviceNames: () -> [String]

  /// `serviceNames` is asked at each list_services question: the services the server routes.
  public init(
    _ version: Version, index: ReflectionIndex, serviceNames: @escaping () -> [String]
  ) {
    self.version = version
    self.index = index
    self.serviceNames = serviceNames
  }

  /// Both versions over one index, answering list_services with what `router` routes.
  public static func register(with router: ServiceRouter, index: ReflectionIndex) {
    for version in [Version.v1, .v1alpha] {
      router.register(
        ReflectionService(version, index: index) { [unowned router] in
          router.services.map(\.serviceName)
        })
    }
  }

  public var serviceName: String {
    version == .v1 ? Reflection.serviceName : ReflectionV1Alpha.serviceName
  }

  public var methodHandlers: [MethodHandler] {
    let descriptor =
      version == .v1 ? Reflection.serverReflectionInfo : ReflectionV1Alpha.serverReflectionInfo
    return [MethodHandler(descriptor) { ReflectionCall(service: self) }]
  }

  /// The answer to one question.
  func answer(_ question: ServerReflectionRequest.Question?) -> ServerReflectionResponse.Answer {
    switch question {
    case .fileByFilename(let name):
      return files(index.files(named: name), missing: "no file named \(name)")
    case .fileContainingSymbol(let symbol):
      return files(index.files(containing: symbol), missing: "no symbol named \(symbol)")
    case .fileContainingExtension(let request):
      return .error(
        ErrorResponse(
          GRPCStatus(
            .notFound,
            "no extension \(request.extensionNumber) of \(request.containingType): "
              + "the server defines no extensions")))
    case .allExtensionNumbersOfType(let type):
      return .error(
        ErrorResponse(
          GRPCStatus(.notFound, "no extensions of \(type): the server defines no extensions")))
    case .listServices:
      return .services(
        ListServiceResponse(services: serviceNames().map { ServiceResponse(name: $0) }))
    case nil:
      return .error(
        ErrorResponse(GRPCStatus(.invalidArgument, "the request asks nothing (message_request)")))
    }
  }

  private func files(_ files: [[UInt8]]?, missing: String) -> ServerReflectionResponse.Answer {
    guard let files else { return .error(ErrorResponse(GRPCStatus(.notFound, missing))) }
    return .fileDescriptors(FileDescriptorResponse(fileDescriptorProtos: files))
  }
}
