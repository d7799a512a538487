import RouteGuideProtocol
import Testing

@testable import rg

/// The questions rg describe asks, and every way a server's answer can go wrong.
@Suite struct ReflectionConversationTests {
  static func files(_ files: FileDescriptorProto...) -> ServerReflectionResponse.Answer {
    .fileDescriptors(FileDescriptorResponse(fileDescriptorProtos: files.map { $0.protobufBytes() }))
  }

  static let point = FileDescriptorProto(
    name: "point.proto", package: "p", messageTypes: [DescriptorProto(name: "Point")])
  static let top = FileDescriptorProto(
    name: "top.proto", package: "p", dependencies: ["point.proto"],
    messageTypes: [
      DescriptorProto(
        name: "Top",
        fields: [FieldDescriptorProto(name: "at", number: 1, type: .message, typeName: ".p.Point")])
    ])

  func answer(
    _ conversation: inout ReflectionConversation, _ answer: ServerReflectionResponse.Answer?,
    echo: Bool = true
  )
    -> ReflectionConversation.Step
  {
    let response = ServerReflectionResponse(
      originalRequest: echo ? conversation.pending : nil, answer: answer)
    return conversation.receive(response)
  }

  @Test func listsServices() {
    var conversation = ReflectionConversation(goal: .services)
    #expect(conversation.start().question == .listServices(""))
    let step = answer(
      &conversation, .services(ListServiceResponse(services: [ServiceResponse(name: "a.A")])))
    guard case .done(.services(let names)) = step else {
      Issue.record("\(step)")
      return
    }
    #expect(names == ["a.A"])
  }

  @Test func asksForEachMissingImportByName() {
    var conversation = ReflectionConversation(goal: .symbol("p.Top"))
    #expect(conversation.start().question == .fileContainingSymbol("p.Top"))
    let step = answer(&conversation, Self.files(Self.top))
    guard case .ask(let request) = step else {
      Issue.record("\(step)")
      return
    }
    #expect(request.question == .fileByFilename("point.proto"))
    let last = answer(&conversation, Self.files(Self.point))
    guard case .done(.symbol(let symbol, let pool)) = last else {
      Issue.record("\(last)")
      return
    }
    #expect(symbol.fullName == "p.Top")
    #expect(pool.files.map(\.name) == ["top.proto", "point.proto"])
  }

  @Test func anAnswerWithoutTheEchoIsTaken() {
    var conversation = ReflectionConversation(goal: .symbol("p.Point"))
    _ = conversation.start()
    guard case .done = answer(&conversation, Self.files(Self.point), echo: false) else {
      Issue.record("not done")
      return
    }
  }

  @Test func errorsAreRefusals() {
    var conversation = ReflectionConversation(goal: .symbol("p.X"))
    _ = conversation.start()
    let step = answer(&conversation, .error(ErrorResponse(GRPCStatus(.notFound, "no"))))
    guard case .refused(let status) = step else {
      Issue.record("\(step)")
      return
    }
    #expect(status == GRPCStatus(.notFound, "no"))
  }

  /// Each broken answer, and the words the failure must say.
  @Test(arguments: [
    ("another question", "answered another question (file_by_filename \"other.proto\")"),
    ("wrong kind", "is a list_services_response"),
    ("empty answer", "is an empty answer"),
    ("no files", "holds no file"),
    ("not a descriptor", "is not a FileDescriptorProto: malformed protobuf"),
    ("cycle", "files import each other in a cycle: a.proto -> b.proto -> a.proto"),
    ("too many files", "more than 1000 files"),
    ("symbol not defined", "does not define it"),
    ("duplicate", "p.Point is defined in both"),
  ])
  func brokenAnswersEndTheConversation(name: String, expected: String) {
    var conversation = ReflectionConversation(goal: .symbol("p.Point"))
    let asked = conversation.start()
    var response = ServerReflectionResponse(originalRequest: asked)
    switch name {
    case "another question":
      response.originalRequest = ServerReflectionRequest(question: .fileByFilename("other.proto"))
      response.answer = Self.files(Self.point)
    case "wrong kind": response.answer = .services(ListServiceResponse())
    case "empty answer": response.answer = nil
    case "no files": response.answer = .fileDescriptors(FileDescriptorResponse())
    case "not a descriptor":
      response.answer = .fileDescriptors(
        FileDescriptorResponse(fileDescriptorProtos: [[0x0A, 0xFF]]))
    case "cycle":
      response.answer = Self.files(
        FileDescriptorProto(
          name: "a.proto", package: "p", dependencies: ["b.proto"],
          messageTypes: [.init(name: "Point")]),
        FileDescriptorProto(name: "b.proto", dependencies: ["a.proto"]))
    case "too many files":
      response.answer = .fileDescriptors(
        FileDescriptorResponse(
          fileDescriptorProtos: (0...ReflectionConversation.maximumFiles).map {
            FileDescriptorProto(name: "f\($0).proto").protobufBytes()
          }))
    case "symbol not defined": response.answer = Self.files(FileDescriptorProto(name: "x.proto"))
    default:
      response.answer = Self.files(
        Self.point,
        FileDescriptorProto(name: "again.proto", package: "p", messageTypes: [.init(name: "Point")])
      )
    }
    let step = conversation.receive(response)
    guard case .broken(let reason) = step else {
      Issue.record("\(name): \(step)")
      return
    }
    #expect(reason.contains(expected), "\(name): \(reason)")
  }

  @Test func anImportTheServerDoesNotSendIsNotAskedForTwice() {
    var conversation = ReflectionConversation(goal: .symbol("p.Top"))
    _ = conversation.start()
    _ = answer(&conversation, Self.files(Self.top))
    // Asked for point.proto, the server answers with another file.
    let step = answer(&conversation, Self.files(FileDescriptorProto(name: "point.proto2")))
    guard case .broken(let reason) = step else {
      Issue.record("\(step)")
      return
    }
    #expect(reason.contains("does not hold point.proto"))
  }

  @Test func anAnswerToNoQuestionIsBroken() {
    var conversation = ReflectionConversation(goal: .services)
    _ = conversation.start()
    _ = answer(&conversation, .services(ListServiceResponse()))
    guard case .broken(let reason) = answer(&conversation, .services(ListServiceResponse())) else {
      Issue.record("not broken")
      return
    }
    #expect(reason.contains("no question"))
  }

  @Test func startingAgainForgetsEverything() {
    var conversation = ReflectionConversation(goal: .symbol("p.Top"))
    _ = conversation.start()
    _ = answer(&conversation, Self.files(Self.top))
    #expect(conversation.start().question == .fileContainingSymbol("p.Top"))
    #expect(conversation.pool.files.isEmpty)
  }
}
