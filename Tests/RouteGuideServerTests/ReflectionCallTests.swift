import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

@Suite struct ReflectionCallTests {
  static let services = ["routeguide.RouteGuide", "grpc.health.v1.Health"]

  func service(_ version: ReflectionService.Version = .v1) -> ReflectionService {
    ReflectionService(version, index: ReflectionIndex.builtin()) { Self.services }
  }

  func ask(_ questions: [ServerReflectionRequest.Question?], end: Bool = true) throws
    -> (answers: [ServerReflectionResponse], statuses: [GRPCStatus])
  {
    let responder = RecordingResponder()
    let call = ReflectionCall(service: service())
    for question in questions {
      call.receive(
        ServerReflectionRequest(host: "h", question: question).protobufBytes(), responder)
    }
    if end { call.receiveEnd(responder) }
    return (try responder.sentMessages(as: ServerReflectionResponse.self), responder.statuses)
  }

  @Test func answersManyQuestionsInOrderOnOneStream() throws {
    let questions: [ServerReflectionRequest.Question] = [
      .listServices(""), .fileContainingSymbol("routeguide.Point"),
      .fileByFilename("grpc/health/v1/health.proto"), .fileContainingSymbol("nope.Nope"),
    ]
    let (answers, statuses) = try ask(questions)
    #expect(answers.map(\.originalRequest?.question) == questions)
    #expect(answers.allSatisfy { $0.validHost == "h" })
    #expect(
      answers[0].answer
        == .services(ListServiceResponse(services: Self.services.map { ServiceResponse(name: $0) }))
    )
    #expect(
      answers[1].answer
        == .fileDescriptors(
          FileDescriptorResponse(fileDescriptorProtos: [BuiltinDescriptors.routeGuide])))
    #expect(
      answers[2].answer
        == .fileDescriptors(
          FileDescriptorResponse(fileDescriptorProtos: [BuiltinDescriptors.health])))
    #expect(
      answers[3].answer == .error(ErrorResponse(GRPCStatus(.notFound, "no symbol named nope.Nope")))
    )
    #expect(statuses == [.ok])
  }

  @Test func extensionsAreNotFound() throws {
    let (answers, _) = try ask([
      .fileContainingExtension(
        ExtensionRequest(containingType: "routeguide.Point", extensionNumber: 100)),
      .allExtensionNumbersOfType("routeguide.Point"),
    ])
    for answer in answers {
      guard case .error(let error)? = answer.answer else {
        Issue.record("not an error: \(answer)")
        continue
      }
      #expect(error.status.code == .notFound)
    }
    #expect(answers.count == 2)
  }

  @Test func aRequestThatAsksNothingIsInvalid() throws {
    let (answers, statuses) = try ask([nil])
    guard case .error(let error)? = answers.first?.answer else {
      Issue.record("not an error: \(answers)")
      return
    }
    #expect(error.status.code == .invalidArgument)
    #expect(statuses == [.ok])
  }

  @Test func anUndecodableRequestEndsTheStream() {
    let responder = RecordingResponder()
    let call = ReflectionCall(service: service())
    call.receive([0x0A, 0xFF], responder)
    call.receive(ServerReflectionRequest(question: .listServices("")).protobufBytes(), responder)
    call.receiveEnd(responder)
    #expect(responder.sent.isEmpty)
    #expect(responder.statuses.map(\.code) == [.internal])
  }

  @Test func aClientThatDoesNotReadIsCutOff() {
    let responder = RecordingResponder()
    responder.bytesPerSend = 1 << 20
    let call = ReflectionCall(service: service())
    let request = ServerReflectionRequest(question: .listServices("")).protobufBytes()
    for _ in 0..<10 { call.receive(request, responder) }
    #expect(responder.sent.count == 5)
    #expect(responder.statuses.map(\.code) == [.resourceExhausted])
  }

  @Test func theStreamStaysOpenUntilTheClientHalfCloses() throws {
    let (answers, statuses) = try ask([.listServices("")], end: false)
    #expect(answers.count == 1)
    #expect(statuses.isEmpty)
  }

  @Test func bothVersionsRegisterAndListWhatTheRouterRoutes() throws {
    let router = ServiceRouter()
    router.register(NamedService("a.A"))
    ReflectionService.register(with: router, index: ReflectionIndex.builtin())
    #expect(
      router.services.map(\.serviceName) == [
        "a.A", Reflection.serviceName, ReflectionV1Alpha.serviceName,
      ])
    for path in [Reflection.serverReflectionInfo.path, ReflectionV1Alpha.serverReflectionInfo.path]
    {
      let logic = try router.makeCall(path: path)
      let responder = RecordingResponder()
      logic.receive(ServerReflectionRequest(question: .listServices("")).protobufBytes(), responder)
      let answer = try responder.sentMessages(as: ServerReflectionResponse.self).first?.answer
      let names = router.services.map { ServiceResponse(name: $0.serviceName) }
      #expect(answer == .services(ListServiceResponse(services: names)))
    }
  }
}
