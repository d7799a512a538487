import ArgumentParsing
import RouteGuideProtocol
import Testing

@testable import rg

@Suite struct ClientOptionsArgumentsTests {
  @Test func unaryMethodsTakeConcurrencyAndEveryMethodADryRun() {
    let get = ClientArguments.all(for: .unary).map(\.key)
    #expect(get.contains("concurrency") && get.contains("dry-run"))
    for shape in [CallShape.serverStreaming, .clientStreaming, .bidiStreaming] {
      let keys = ClientArguments.all(for: shape).map(\.key)
      #expect(!keys.contains("concurrency") && keys.contains("dry-run"))
      #expect(keys.contains("wait-for-ready"))
    }
  }

  @Test func namesAreUniqueAndEveryOptionIsGrouped() {
    let arguments = ClientArguments.all(for: .unary)
    #expect(Set(arguments.map(\.key)).count == arguments.count)
    let shorts = arguments.compactMap(\.shortName)
    #expect(Set(shorts).count == shorts.count)
    #expect(arguments.filter { !$0.isPositional }.allSatisfy { $0.group != nil })
    #expect(Set(arguments.compactMap(\.group?.title)).count == 4)
  }

  @Test func fileOptionsCompleteFileNames() {
    let arguments = ClientArguments.all(for: .serverStreaming)
    for key in ["cacert", "cert", "key", "data"] {
      #expect(arguments.first { $0.key == key }?.completion == .file(extensions: []))
    }
  }

  @Test func addressFallsBackToTheEnvironmentThenTheDefault() {
    #expect(ClientArguments.address.definition.environmentVariable == "RG_ADDRESS")
    #expect(ClientArguments.address.definition.defaultValue == "localhost:50051")
  }
}
