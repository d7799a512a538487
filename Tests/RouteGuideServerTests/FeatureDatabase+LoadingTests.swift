import Foundation
import RouteGuideProtocol
import TestSupport
import Testing

@testable import RouteGuideServer

@Suite struct FeatureDatabaseLoadingTests {
  func parse(_ text: String) throws(JSONInputError) -> FeatureDatabase {
    try FeatureDatabase(json: Array(text.utf8))
  }

  func error(_ text: String) -> JSONInputError? {
    do {
      _ = try parse(text)
      return nil
    } catch {
      return error
    }
  }

  @Test func readsTheTutorialLayout() throws {
    let database = try parse(
      """
      [{"location": {"latitude": 1, "longitude": -2}, "name": "one"},
       {"name": "", "location": {"latitude": 3, "longitude": 4}}]
      """)
    #expect(
      database.features == [
        Feature(name: "one", location: Point(latitude: 1, longitude: -2)),
        Feature(name: "", location: Point(latitude: 3, longitude: 4)),
      ])
  }

  @Test func emptyArrayIsAnEmptyDatabase() throws {
    #expect(try parse(" [ ] ").features.isEmpty)
  }

  @Test func sharedDataFileMatchesTheBuiltinFeatures() throws {
    let database = try FeatureDatabase.load(path: RepoPaths.sharedData + "/route_guide_db.json")
    #expect(database.features == FeatureDatabase.builtin.features)
  }

  @Test func wrongTopLevelValueIsLocated() {
    #expect(error(#"{"name": "x"}"#)?.description.hasPrefix("1:1: expected an array") == true)
    #expect(error("  \n  7")?.line == 2)
    #expect(error("")?.description.hasPrefix("1:1:") == true)
  }

  /// A file that starts with a byte-order mark loads, as rg's input does; a mark anywhere
  /// else is an error, also inside the array where the streaming reader starts fresh.
  @Test func byteOrderMarkOnlyAtTheStart() throws {
    #expect(try parse("\u{FEFF}[{\"name\": \"a\"}]").features == [Feature(name: "a")])
    #expect(error("[\u{FEFF}{}]")?.description == "1:2: unexpected byte 0xEF outside a string")
    #expect(error("[{}, \u{FEFF}{}]")?.description == "1:6: unexpected byte 0xEF outside a string")
  }

  @Test func trailingValueIsAnError() {
    let found = error("[]\n[]")
    #expect(found?.line == 2 && found?.column == 1)
  }

  @Test func badFeatureIsLocatedInTheFile() throws {
    let found = try #require(error("[\n  {\"name\": \"a\",\n   \"location\": 7}\n]"))
    #expect(found.line == 3)
    let unknown = try #require(error("[{\"name\": \"a\", \"nmae\": \"b\"}]"))
    #expect(unknown.line == 1 && unknown.column > 1)
  }

  @Test func syntaxErrorIsLocated() throws {
    let found = try #require(error("[\n{\"name\": \"a\",}\n]"))
    #expect(found.line == 2)
  }

  @Test func loadErrorsNameTheFile() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/routes.json"
    try "[\n  {\"name\": 5}\n]".write(toFile: path, atomically: true, encoding: .utf8)
    do {
      _ = try FeatureDatabase.load(path: path)
      Issue.record("a bad file loaded")
    } catch {
      #expect(error.description.hasPrefix("\(path):2:"))
    }
    do {
      _ = try FeatureDatabase.load(path: directory.path + "/missing.json")
      Issue.record("a missing file loaded")
    } catch {
      #expect(error.description == "\(directory.path)/missing.json: No such file or directory")
    }
  }

  @Test func directoryIsAReadError() throws {
    let directory = try TemporaryDirectory()
    do {
      _ = try FeatureDatabase.load(path: directory.path)
      Issue.record("a directory loaded")
    } catch {
      #expect(error.description == "\(directory.path): Is a directory")
    }
  }
}
