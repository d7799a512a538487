import ArgumentParsing
import RouteGuideProtocol
import Testing

@testable import rg

@Suite struct ClientOptionsArgumentsTests {
  @Test func getHasItsOwnOptionsAndTheOthersDoNot() {
    let get = ClientOptions.arguments(for: .getFeature).map(\.key)
    #expect(get.contains("concurrency") && get.contains("dry-run"))
    for method in [RouteGuideMethod.listFeatures, .recordRoute, .routeChat] {
      let keys = ClientOptions.arguments(for: method).map(\.key)
      #expect(!keys.contains("concurrency") && !keys.contains("dry-run"))
    }
  }

  @Test func namesAreUniqueAndEveryOptionIsGrouped() {
    let arguments = ClientOptions.arguments(for: .getFeature)
    #expect(Set(arguments.map(\.key)).count == arguments.count)
    let shorts = arguments.compactMap(\.shortName)
    #expect(Set(shorts).count == shorts.count)
    #expect(arguments.filter { !$0.isPositional }.allSatisfy { $0.group != nil })
    #expect(Set(arguments.compactMap(\.group?.title)).count == 4)
  }

  @Test func fileOptionsCompleteFileNames() {
    let arguments = ClientOptions.arguments(for: .listFeatures)
    for key in ["cacert", "cert", "key", "data"] {
      #expect(arguments.first { $0.key == key }?.completion == .file(extensions: []))
    }
  }

  @Test func addressFallsBackToTheEnvironmentThenTheDefault() {
    #expect(ClientOptions.address.environmentVariable == "RG_ADDRESS")
    #expect(ClientOptions.address.defaultValue == "localhost:50051")
  }
}
