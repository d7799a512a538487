import RouteGuideProtocol
import Testing

@testable import rg

@Suite struct PrettyJSONFormatterTests {
  static func pretty(_ compact: String) -> String {
    var out: [UInt8] = []
    PrettyJSONFormatter.reindent(Array(compact.utf8), into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  @Test func indentsLikeJq() {
    #expect(
      Self.pretty(#"{"a":1,"b":{"c":[1,2],"d":{}},"e":[]}"#)
        == "{\n  \"a\": 1,\n  \"b\": {\n    \"c\": [\n      1,\n      2\n    ],\n"
        + "    \"d\": {}\n  },\n  \"e\": []\n}\n")
  }

  @Test func leavesStringsAlone() {
    #expect(
      Self.pretty(#"{"s":"a,b:{c}[\"]\\"}"#) == "{\n  \"s\": \"a,b:{c}[\\\"]\\\\\"\n}\n")
  }

  @Test func writesMessagesAndErrors() {
    let formatter = PrettyJSONFormatter(mapping: JSONMappingOptions())
    var bytes: [UInt8] = []
    formatter.append(Point(latitude: 1), into: &bytes)
    formatter.appendError(
      CallError(status: GRPCStatus(.internal, "x"), input: InputPosition(source: "-d", line: 1)),
      into: &bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(
      text.hasPrefix("{\n  \"latitude\": 1\n}\n{\n  \"error\": {\n    \"code\": \"INTERNAL\""))
    #expect(text.contains("\"input\": \"-d:1\""))
  }
}
