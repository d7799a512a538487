import Foundation
import RouteGuideProtocol
import TestSupport
import Testing

/// The reflection messages against Python's protobuf runtime (Tests/Interop/reflection_golden.py),
/// and their oneofs, repeated fields and JSON forms.
@Suite struct ReflectionMessagesTests {
  static let symbol = ServerReflectionRequest(question: .fileContainingSymbol("routeguide.Point"))

  /// The messages reflection_golden.py serializes, by case name.
  static let cases: [String: any ProtobufMessage] = [
    "listServices": ServerReflectionRequest(question: .listServices("")),
    "fileByFilename": ServerReflectionRequest(
      host: "h", question: .fileByFilename("route_guide.proto")),
    "fileContainingSymbol": symbol,
    "fileContainingExtension": ServerReflectionRequest(
      question: .fileContainingExtension(
        ExtensionRequest(containingType: "routeguide.Point", extensionNumber: 7))),
    "allExtensionNumbersOfType": ServerReflectionRequest(
      question: .allExtensionNumbersOfType("routeguide.Point")),
    "fileDescriptors": ServerReflectionResponse(
      validHost: "h", originalRequest: symbol,
      answer: .fileDescriptors(FileDescriptorResponse(fileDescriptorProtos: [[1, 2], []]))),
    "services": ServerReflectionResponse(
      answer: .services(
        ListServiceResponse(services: [
          ServiceResponse(name: "routeguide.RouteGuide"),
          ServiceResponse(name: "grpc.health.v1.Health"),
        ]))),
    "error": ServerReflectionResponse(
      answer: .error(ErrorResponse(errorCode: 5, errorMessage: "not found"))),
    "extensionNumbers": ServerReflectionResponse(
      answer: .extensionNumbers(
        ExtensionNumberResponse(baseTypeName: "routeguide.Point", extensionNumbers: [1, 300, -1]))),
  ]

  @Test func encodingIsByteIdenticalToPythonAndDecodesBack() throws {
    let result = try Subprocess.python([RepoPaths.interop + "/reflection_golden.py"])
    #expect(result.status == 0, "\(result.stderrText)")
    let lines = result.stdoutLines
    #expect(lines.count == Self.cases.count)
    for line in lines {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
      let name = try #require(object["name"])
      let message = try #require(Self.cases[name], "no Swift case \(name)")
      let bytes = message.protobufBytes()
      #expect(hex(bytes) == object["hex"], "\(name)")
      switch message {
      case let request as ServerReflectionRequest:
        #expect(try ServerReflectionRequest(protobuf: bytes) == request, "\(name)")
      case let response as ServerReflectionResponse:
        #expect(try ServerReflectionResponse(protobuf: bytes) == response, "\(name)")
      default: Issue.record("unexpected message type for \(name)")
      }
    }
  }

  @Test func anEmptyOneofMemberIsStillSent() {
    // list_services "" must reach the server: presence is the question.
    #expect(ServerReflectionRequest(question: .listServices("")).protobufBytes() == [0x3A, 0x00])
    #expect(ServerReflectionRequest().protobufBytes().isEmpty)
  }

  @Test func theLastOneofMemberWins() throws {
    var writer = ProtobufWriter()
    writer.writeLengthDelimited(3, Array("a.proto".utf8))
    writer.writeLengthDelimited(7, [])
    #expect(try ServerReflectionRequest(protobuf: writer.bytes).question == .listServices(""))
  }

  @Test func extensionNumbersReadPackedAndUnpacked() throws {
    var writer = ProtobufWriter()
    writer.writeInt32Field(2, 5)
    writer.writePackedInt32Field(2, [6, 7])
    #expect(try ExtensionNumberResponse(protobuf: writer.bytes).extensionNumbers == [5, 6, 7])
  }

  @Test func aFileListTooLongIsRefusedWhileDecoding() {
    var writer = ProtobufWriter()
    for _ in 0...FileDescriptorResponse.maximumFiles { writer.writeLengthDelimited(1, [0x0A]) }
    #expect(throws: ProtobufDecodingError.self) {
      try FileDescriptorResponse(protobuf: writer.bytes)
    }
  }

  @Test func errorResponsesStandForStatuses() {
    #expect(ErrorResponse(GRPCStatus(.notFound, "x")).status == GRPCStatus(.notFound, "x"))
    #expect(ErrorResponse(errorCode: 99).status.code == .unknown)
  }

  @Test func jsonRoundTripsEveryCase() throws {
    for (name, message) in Self.cases {
      switch message {
      case let request as ServerReflectionRequest:
        #expect(try ServerReflectionRequest(jsonText: request.jsonString()) == request, "\(name)")
      case let response as ServerReflectionResponse:
        #expect(
          try ServerReflectionResponse(jsonText: response.jsonString()) == response, "\(name)")
      default: Issue.record("unexpected message type for \(name)")
      }
    }
  }

  @Test func jsonUsesProto3Names() {
    let response = ServerReflectionResponse(
      answer: .fileDescriptors(FileDescriptorResponse(fileDescriptorProtos: [[0xFF]])))
    #expect(
      response.jsonString() == #"{"fileDescriptorResponse":{"fileDescriptorProto":["/w=="]}}"#)
    #expect(
      ServerReflectionRequest(question: .listServices("")).jsonString(
        options: JSONMappingOptions(protoNames: true)) == #"{"list_services":""}"#)
  }

  @Test func jsonRefusesTwoOneofMembers() {
    #expect(throws: JSONInputError.self) {
      try ServerReflectionRequest(jsonText: #"{"listServices": "", "fileByFilename": "a"}"#)
    }
  }

  @Test func reflectionServicesNameTheirOwnPackagesTypes() {
    #expect(
      Reflection.serverReflectionInfo.path
        == "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo")
    #expect(Reflection.serverReflectionInfo.shape == .bidiStreaming)
    #expect(
      ReflectionV1Alpha.serverReflectionInfo.info.requestType
        == "grpc.reflection.v1alpha.ServerReflectionRequest")
    #expect(
      Reflection.serverReflectionInfo.info.responseType
        == "grpc.reflection.v1.ServerReflectionResponse")
  }

  private func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
  }
}
