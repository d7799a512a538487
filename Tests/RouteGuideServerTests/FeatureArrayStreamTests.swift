import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

@Suite struct FeatureArrayStreamTests {
  func stream(_ text: String) -> [Feature]? {
    FeatureArrayStream.features(in: Array(text.utf8))
  }

  @Test(arguments: [
    #"[{"name": "a", "location": {"latitude": 1, "longitude": -2}}]"#,
    " [ ] ",
    "[]",
    "[\n{\"name\":\"x, y]\"},\n{\"name\":\"q\\\"uote\\\\\", \"location\":{}}\n]\n",
    #"[{"location": {"latitude": "5", "longitude": 4.09146138e8}}, {}, {"name": null}]"#,
    #"[{"name": "Zürich \u00e9 [ { ,"}, {"name": "\ud83d\ude00"}]"#,
  ])
  func wellFormedArraysGiveWhatTheStrictParseGives(_ text: String) throws {
    var reader = JSONReader()
    reader.feed(Array(text.utf8))
    reader.finish()
    let value = try #require(try reader.nextValue())
    guard case .array(let elements) = value.kind else {
      Issue.record("not an array")
      return
    }
    let strict = try elements.map { try Feature(json: $0, options: JSONMappingOptions()) }
    #expect(stream(text) == strict)
  }

  @Test(arguments: [
    "", "  ", "{}", "[", "[{}", "[{} {}]", "[{},]", "[,{}]", "[{},,{}]", "[{}] []", "[{}] x",
    "[5]", #"["a"]"#, "[[]]", #"[{"nmae": "b"}]"#, #"[{"name": "a",}]"#, #"[{"name": "a"]"#,
    "\u{FEFF}[]", "[\u{FEFF}{}]", "[{}, \u{FEFF}{}]", #"[{"name": "unterminated}]"#, "[{}}]",
    "[{}]]",
  ])
  func anythingElseIsLeftToTheStrictParse(_ text: String) {
    #expect(stream(text) == nil)
  }

  @Test func aLargeArrayStreams() throws {
    let text =
      "["
      + (0..<1000).map { #"{"name":"f\#($0)","location":{"latitude":\#($0)}}"# }
      .joined(separator: ",\n") + "]"
    let features = try #require(stream(text))
    #expect(features.count == 1000)
    #expect(features[999] == Feature(name: "f999", location: Point(latitude: 999)))
  }
}
