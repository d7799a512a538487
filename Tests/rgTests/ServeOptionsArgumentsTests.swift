import ArgumentParsing
import Testing

@testable import rg

@Suite struct ServeOptionsArgumentsTests {
  @Test func declaredDefaultsMatchTheStructDefaults() throws {
    let defaults = Dictionary(
      uniqueKeysWithValues: ServeArguments.all.compactMap { definition in
        definition.defaultValue.map { (definition.key, $0) }
      })
    let options = ServeOptions()
    #expect(defaults["bind"] == options.bind)
    #expect(defaults["port"] == String(options.port))
    #expect(defaults["max-concurrent-streams"] == String(options.maxConcurrentStreams))
    #expect(try ByteSizeParser.parse(defaults["max-msg-size"] ?? "") == options.maxMessageSize)
    #expect(
      try DurationParser.parse(defaults["max-connection-idle"] ?? "") == options.maxConnectionIdle)
    #expect(
      try DurationParser.parse(defaults["min-ping-interval"] ?? "") == options.minPingInterval)
    // Sized from the open-file limit when the server starts, so not declared.
    #expect(defaults["max-connections"] == nil)
  }

  @Test func databaseCompletesJSONFiles() {
    let db = ServeArguments.all.first { $0.key == "db" }
    #expect(db?.completion == .file(extensions: ["json"]))
  }
}
