import Foundation
import RouteGuideProtocol
import TestSupport
import Testing

/// Feeds the same inputs to rg's proto3 JSON codec and to Python's json_format
/// (Tests/Interop/json_oracle.py, one run for all cases) and compares the protobuf bytes, the
/// re-printed JSON under every output option, or that both reject.
@Suite struct JSONDifferentialTests {
  /// One input. `difference` marks a known, documented case where json_format accepts what
  /// DESIGN §4 (or strict RFC 8259) has rg reject; the reason says why rg's answer stands.
  struct Case: CustomStringConvertible {
    var type: String
    var input: [UInt8]
    var allowUnknownFields = false
    var difference: String?
    /// What json_format reads instead, where rg accepts on purpose what json_format rejects
    /// (a leading byte-order mark, which rg skips as jq does): both must then agree.
    var oracleInput: [UInt8]?

    var description: String {
      "\(type) \(String(decoding: input, as: UTF8.self).debugDescription)"
        + (allowUnknownFields ? " (unknown allowed)" : "")
    }
  }

  enum Outcome: Equatable {
    case accepted(protobuf: String, outputs: [String])
    case rejected
  }

  /// The output options, in the order json_oracle.py prints them.
  static let outputOptions = [
    JSONMappingOptions(),
    JSONMappingOptions(emitDefaults: true),
    JSONMappingOptions(protoNames: true),
    JSONMappingOptions(emitDefaults: true, protoNames: true),
  ]

  @Test func agreesWithPythonJSONFormat() throws {
    let cases = Self.cases
    #expect(cases.count >= 80)
    #expect(Set(cases.map(\.type)).count == 5)
    let python = try Self.oracle(cases)
    try #require(python.count == cases.count)
    for (item, theirs) in zip(cases, python) {
      let ours = Self.outcome(item)
      if let reason = item.difference {
        #expect(ours == .rejected, "\(item): rg should reject (\(reason))")
        #expect(theirs != .rejected, "\(item): json_format now rejects too; drop the difference")
      } else {
        #expect(Self.agree(ours, theirs), "\(item): rg \(ours), json_format \(theirs)")
      }
    }
  }

  /// Known difference: with emitDefaults, json_format prints the set fields first and then the
  /// defaults; rg keeps field-number order throughout (as the ProtoJSON spec and the C++ and Go
  /// printers do). Those outputs are compared as JSON objects, and the order is pinned here.
  @Test func emitDefaultsKeepsFieldOrderWhereJSONFormatDoesNot() throws {
    let item = Self.text("RouteSummary", #"{"distance":3}"#)
    let theirs = try Self.oracle([item])
    let expected = #"{"pointCount":0,"featureCount":0,"distance":3,"elapsedTime":0}"#
    guard case .accepted(_, let ours) = Self.outcome(item),
      case .accepted(_, let python) = theirs.first
    else {
      Issue.record("both should accept \(item)")
      return
    }
    #expect(ours[1] == expected)
    #expect(python[1] == #"{"distance":3,"pointCount":0,"featureCount":0,"elapsedTime":0}"#)
  }

  /// Same bytes and same output; the emitDefaults outputs (1 and 3) compared as JSON objects.
  static func agree(_ ours: Outcome, _ theirs: Outcome) -> Bool {
    guard case .accepted(let protobuf, let outputs) = ours,
      case .accepted(let theirProtobuf, let theirOutputs) = theirs
    else { return ours == theirs }
    guard protobuf == theirProtobuf, outputs.count == 4, theirOutputs.count == 4,
      outputs[0] == theirOutputs[0], outputs[2] == theirOutputs[2]
    else { return false }
    return [1, 3].allSatisfy { index in
      let mine = try? JSONSerialization.jsonObject(with: Data(outputs[index].utf8))
      let python = try? JSONSerialization.jsonObject(with: Data(theirOutputs[index].utf8))
      return (mine as? NSDictionary) == (python as? NSDictionary) && mine != nil
    }
  }

  static func outcome(_ item: Case) -> Outcome {
    switch item.type {
    case "Point": outcome(Point.self, item)
    case "Rectangle": outcome(Rectangle.self, item)
    case "Feature": outcome(Feature.self, item)
    case "RouteNote": outcome(RouteNote.self, item)
    default: outcome(RouteSummary.self, item)
    }
  }

  static func outcome<M: JSONMessage & ProtobufMessage & Equatable>(
    _ type: M.Type, _ item: Case
  ) -> Outcome {
    let options = JSONMappingOptions(allowUnknownFields: item.allowUnknownFields)
    guard case .success(let message) = decodeChecked(M.self, item.input, options) else {
      return .rejected
    }
    return .accepted(
      protobuf: hex(message.protobufBytes()),
      outputs: outputOptions.map { message.jsonString(options: $0) })
  }

  /// Runs json_oracle.py once over every case.
  static func oracle(_ cases: [Case]) throws -> [Outcome] {
    var input: [UInt8] = []
    for item in cases {
      let line: [String: Any] = [
        "type": item.type, "hex": hex(item.oracleInput ?? item.input),
        "allowUnknownFields": item.allowUnknownFields,
      ]
      input += try JSONSerialization.data(withJSONObject: line) + [0x0A]
    }
    let result = try Subprocess.python([RepoPaths.interop + "/json_oracle.py"], stdin: input)
    try #require(result.status == 0, "json_oracle.py failed: \(result.stderrText)")
    return try result.stdoutLines.map { line in
      let answer = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      guard let protobuf = answer?["pb"] as? String, let outputs = answer?["out"] as? [String]
      else { return .rejected }
      return .accepted(protobuf: protobuf, outputs: outputs)
    }
  }

  static func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
  }
}

extension JSONDifferentialTests {
  static func text(_ type: String, _ json: String, unknown: Bool = false) -> Case {
    Case(type: type, input: Array(json.utf8), allowUnknownFields: unknown)
  }

  static func differs(_ type: String, _ json: String, unknown: Bool = false, _ why: String)
    -> Case
  {
    Case(type: type, input: Array(json.utf8), allowUnknownFields: unknown, difference: why)
  }

  /// `json` after a byte-order mark; json_format, which rejects the mark, reads `json` alone.
  static func withoutMark(_ type: String, _ json: String) -> Case {
    Case(type: type, input: [0xEF, 0xBB, 0xBF] + Array(json.utf8), oracleInput: Array(json.utf8))
  }

  static func bytes(_ type: String, _ prefix: String, _ raw: [UInt8], _ suffix: String) -> Case {
    Case(type: type, input: Array(prefix.utf8) + raw + Array(suffix.utf8))
  }

  static var cases: [Case] {
    pointCases + pointNumberCases + featureCases + otherMessageCases + knownDifferences
  }
}

extension JSONDifferentialTests {
  static let pointCases: [Case] = [
    text("Point", #"{"latitude":409146138,"longitude":-746188906}"#),
    text("Point", #"{}"#),
    text("Point", #"{"latitude":0,"longitude":0}"#),
    text("Point", "{\n  \"latitude\": 1,\n  \"longitude\": 2\n}\n"),
    text("Point", #"  {"longitude":2,"latitude":1}  "#),
    text("Point", #"{"latitude":null}"#),
    text("Point", #"{"latitude":null,"longitude":5}"#),
    text("Point", #"{"latitude":true}"#),
    text("Point", #"{"latitude":[1]}"#),
    text("Point", #"{"latitude":{}}"#),
    text("Point", #"{"foo":1}"#),
    text("Point", #"{"foo":1}"#, unknown: true),
    text("Point", #"{"foo":{"bar":[1,{"x":null}]},"latitude":3}"#, unknown: true),
    text("Point", #"{"foo":1,"foo":2}"#, unknown: true),
    text("Point", #"{"latitude":1,"latitude":2}"#),
    text("Point", #"{"lat\u0069tude":7}"#),
    text("Point", #"{"Latitude":7}"#),
    text("Point", #""latitude""#),
    text("Point", "null"),
    text("Point", "5"),
    text("Point", #"{"latitude":1,}"#),
    text("Point", "{\"latitude\":1 // c\n}"),
    text("Point", #"{'latitude':1}"#),
    text("Point", #"{"latitude":1}{"latitude":2}"#),
    text("Point", ""),
    text("Point", " \n "),
    text("Point", #"{"latitude":1"#),
  ]

  static let pointNumberCases: [Case] = [
    text("Point", #"{"latitude":"123","longitude":"-5"}"#),
    text("Point", #"{"latitude":4.09146138e8}"#),
    text("Point", #"{"latitude":1e2}"#),
    text("Point", #"{"latitude":1.0}"#),
    text("Point", #"{"latitude":1E+2}"#),
    text("Point", #"{"latitude":100e-2}"#),
    text("Point", #"{"latitude":1.5}"#),
    text("Point", #"{"latitude":1e-2}"#),
    text("Point", #"{"latitude":2147483647,"longitude":-2147483648}"#),
    text("Point", #"{"latitude":2147483648}"#),
    text("Point", #"{"latitude":-2147483649}"#),
    text("Point", #"{"latitude":"2147483648"}"#),
    text("Point", #"{"latitude":12345678901234567890}"#),
    text("Point", #"{"latitude":01}"#),
    text("Point", #"{"latitude":+1}"#),
    text("Point", #"{"latitude":-}"#),
    text("Point", #"{"latitude":"1e2"}"#),
    text("Point", #"{"latitude":"1.0"}"#),
    text("Point", #"{"latitude":"1.5"}"#),
    text("Point", #"{"latitude":" 1"}"#),
    text("Point", #"{"latitude":""}"#),
    text("Point", #"{"latitude":"0x10"}"#),
    text("Point", #"{"latitude":"-0"}"#),
    text("Point", #"{"latitude":-0}"#),
    text("Point", #"{"latitude":-0.0}"#),
    text("Point", #"{"latitude":1e400}"#),
    text("Point", #"{"latitude":"1e400"}"#),
    text("Point", #"{"latitude":NaN}"#),
    text("Point", #"{"latitude":Infinity}"#),
    text("Point", #"{"latitude":"NaN"}"#),
    text("Point", #"{"latitude":"\u0031\u0032"}"#),
    text("Point", #"{"latitude":"4.09146138e8"}"#),
    text("Point", #"{"latitude":2147483647.0}"#),
    text("Point", #"{"latitude":21474836.47e2}"#),
  ]

  static let featureCases: [Case] = [
    text(
      "Feature",
      #"{"name":"Berkshire Valley Management Area Trail, Jefferson, NJ, USA","location":{"latitude":409146138,"longitude":-746188906}}"#
    ),
    text("Feature", #"{"name":"","location":{}}"#),
    text("Feature", #"{"name":"é ü 日本 🎉"}"#),
    text("Feature", #"{"name":"\u00e9\ud83c\udf89\n\t\"\\\/\b\f\r\u0001\u001f"}"#),
    text("Feature", #"{"name":"\ud83c"}"#),
    text("Feature", #"{"name":"\udf89"}"#),
    text("Feature", #"{"name":"\ud83cx"}"#),
    text("Feature", #"{"name":"\ud83c\u0041"}"#),
    text("Feature", #"{"name":5}"#),
    text("Feature", #"{"name":null}"#),
    text("Feature", #"{"name":["a"]}"#),
    text("Feature", #"{"name":true}"#),
    text("Feature", #"{"location":null}"#),
    text("Feature", #"{"location":"ab"}"#),
    text("Feature", #"{"location":5}"#),
    text("Feature", #"{"location":{"latitude":1.5}}"#),
    text("Feature", #"{"location":{"foo":1}}"#),
    text("Feature", #"{"location":{"foo":1}}"#, unknown: true),
    text("Feature", #"{"name":"a\u0000b"}"#),
    text("Feature", "{\"name\":\"a\tb\"}"),
    text("Feature", #"{"name":"\u007f\u2028\u2029"}"#),
    text("Feature", #"{"name":"x","name":"y"}"#),
    text("Feature", #"{"name":"\x"}"#),
    bytes("Feature", #"{"name":""#, [0xFF], #""}"#),
    bytes("Feature", #"{"name":""#, [0xC0, 0xAF], #""}"#),
    bytes("Feature", #"{"name":""#, [0xED, 0xA0, 0x80], #""}"#),
    bytes("Feature", #"{"name":""#, [0xF4, 0x90, 0x80, 0x80], #""}"#),
    bytes("Feature", "{}", [0xEF, 0xBB, 0xBF], "{}"),
    bytes("Feature", " ", [0xEF, 0xBB, 0xBF], "{}"),
    withoutMark("Feature", #"{"name":"a"}"#),
    withoutMark("Point", #"{"latitude":1}"#),
    withoutMark("Point", #"{"latitude":1.5}"#),
  ]

  static let otherMessageCases: [Case] = [
    text("RouteNote", #"{"location":{"latitude":1,"longitude":2},"message":"hello"}"#),
    text("RouteNote", #"{"message":"only"}"#),
    text("RouteNote", #"{"location":{}}"#),
    text("RouteNote", #"{"message":"\ud83d\ude00"}"#),
    text("RouteNote", #"{"message":1}"#),
    text(
      "Rectangle",
      #"{"lo":{"latitude":400000000,"longitude":-750000000},"hi":{"latitude":420000000,"longitude":-730000000}}"#
    ),
    text("Rectangle", #"{"lo":{}}"#),
    text("Rectangle", #"{"hi":{"latitude":"5"},"lo":null}"#),
    text("Rectangle", #"{"lo":{"latitude":1,"latitude":2}}"#),
    text("Rectangle", #"{"lo":{"lo":1}}"#),
    text("Rectangle", #"{"lo":{},"lo":{}}"#),
    text("RouteSummary", #"{"pointCount":1,"featureCount":2,"distance":3,"elapsedTime":4}"#),
    text("RouteSummary", #"{"point_count":1,"feature_count":2,"distance":3,"elapsed_time":4}"#),
    text("RouteSummary", #"{"PointCount":1}"#),
    text("RouteSummary", #"{"pointcount":1}"#),
    text("RouteSummary", #"{"elapsedTime":"-7"}"#),
    text("RouteSummary", #"{}"#),
    text("RouteSummary", #"{"distance":2147483647.0}"#),
    text("RouteSummary", #"{"distance":-1}"#),
  ]

  /// Where json_format accepts and rg rejects, on purpose.
  static let knownDifferences: [Case] = [
    differs("Point", #"{"latitude":"01"}"#, "DESIGN §4: no leading zeros, in strings too"),
    differs("Point", #"{"latitude":"+1"}"#, "DESIGN §4: no leading '+', in strings too"),
    differs(
      "Point", #"{"latitude":"1_0"}"#, "Python's int() takes digit separators; JSON has none"),
    differs(
      "Point", #"{"latitude":"\t5"}"#, "Python's int() strips whitespace; a number string is exact"),
    differs(
      "Point", #"{"latitude":"١٢"}"#,
      "Python's int() takes non-ASCII digits; JSON numbers are ASCII"),
    differs(
      "Point", #"{"latitude":1.00000000000000001}"#,
      "a fraction: rg decides on the exact decimal, Python after rounding to a double"),
    differs("Point", #"{"latitude":1e-400}"#, "a fraction: Python's double underflows to 0"),
    differs("Point", "[]", "the top-level value must be an object; json_format iterates the array"),
    differs(
      "Feature", #"{"location":[]}"#,
      "a message field needs an object; json_format iterates the array"),
    differs(
      "Feature", #"{"location":""}"#,
      "a message field needs an object; json_format iterates the string"),
    differs(
      "Feature", #"{"location":"ab"}"#, unknown: true,
      "a message field needs an object, unknown fields allowed or not"),
    differs(
      "RouteSummary", #"{"pointCount":1,"point_count":2}"#,
      "the same field twice under its two names, rejected as Java's JsonFormat does; Python keeps the last"
    ),
    differs(
      "Point", #"{"foo":NaN}"#, unknown: true,
      "strict RFC 8259: NaN is not JSON, even in a skipped field"),
    differs(
      "Point", #"{"foo":"\ud800"}"#, unknown: true,
      "lone surrogates are rejected by the reader, even in a skipped field"),
    differs(
      "Point",
      "{\"foo\":" + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "}",
      unknown: true, "nesting is bounded at 64 levels (Python's json recursion limit is higher)"),
  ]
}
