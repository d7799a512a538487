import Foundation
import RouteGuideProtocol
import TestSupport
import Testing

/// Checks the binary encoding against Python's protobuf runtime (Tests/Interop/protobuf_golden.py).
@Suite struct ProtobufGoldenTests {
  @Test func encodingIsByteIdenticalToPython() throws {
    let cases = try GoldenCase.load(kind: "encode")
    #expect(cases.count >= 25)
    for golden in cases {
      let value = try #require(golden.value, "\(golden)")
      #expect(hex(value.encoded()) == golden.hex, "\(golden)")
      #expect(try AnyMessage.decode(golden.type, golden.bytes) == value, "\(golden)")
    }
  }

  @Test func decodesUnknownFieldsRepeatsAndOddVarintsAsPythonDoes() throws {
    let cases = try GoldenCase.load(kind: "decode")
    #expect(cases.count >= 10)
    for golden in cases {
      #expect(try AnyMessage.decode(golden.type, golden.bytes) == golden.value, "\(golden)")
    }
  }

  @Test func refusesWhatPythonRefuses() throws {
    let cases = try GoldenCase.load(kind: "reject")
    #expect(cases.count >= 20)
    for golden in cases {
      #expect(throws: ProtobufDecodingError.self, "\(golden)") {
        try AnyMessage.decode(golden.type, golden.bytes)
      }
    }
  }

  /// rg may be stricter than Python (it refuses groups and wire-type mismatches on known
  /// fields), never laxer, and agrees on every value both accept.
  @Test func agreesWithPythonOnMutatedEncodings() throws {
    let cases = try GoldenCase.load(kind: "fuzz")
    #expect(cases.count >= 1000)
    var bothAccepted = 0
    for golden in cases {
      let decoded = try? AnyMessage.decode(golden.type, golden.bytes)
      if let expected = golden.value {
        if let decoded {
          #expect(decoded == expected, "\(golden)")
          bothAccepted += 1
        }
      } else {
        #expect(decoded == nil, "Python refused, rg accepted: \(golden)")
      }
    }
    #expect(bothAccepted >= 100)
  }
}

/// One line of protobuf_golden.py's output.
private struct GoldenCase: CustomStringConvertible {
  var kind: String
  var type: String
  var hex: String
  var bytes: [UInt8]
  var value: AnyMessage?

  var description: String { "\(kind) \(type) \(hex)" }

  static func load(kind: String) throws -> [GoldenCase] {
    let result = try Subprocess.python([RepoPaths.interop + "/protobuf_golden.py"])
    try #require(result.status == 0, "protobuf_golden.py failed: \(result.stderrText)")
    return try result.stdoutLines.map(parse).filter { $0.kind == kind }
  }

  static func parse(_ line: String) throws -> GoldenCase {
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
    let fields = try #require(object as? [String: Any])
    let type = try #require(fields["type"] as? String)
    let hex = try #require(fields["hex"] as? String)
    return GoldenCase(
      kind: try #require(fields["kind"] as? String), type: type, hex: hex,
      bytes: try #require(bytesFromHex(hex)),
      value: try (fields["value"] as? [String: Any]).map { try AnyMessage(type, plain: $0) })
  }
}

/// The five messages behind one type, so cases of any of them go through one path.
private enum AnyMessage: Equatable {
  case point(Point)
  case rectangle(Rectangle)
  case feature(Feature)
  case routeNote(RouteNote)
  case routeSummary(RouteSummary)

  static func decode(_ type: String, _ bytes: [UInt8]) throws -> AnyMessage {
    switch type {
    case "Point": .point(try Point(protobuf: bytes))
    case "Rectangle": .rectangle(try Rectangle(protobuf: bytes))
    case "Feature": .feature(try Feature(protobuf: bytes))
    case "RouteNote": .routeNote(try RouteNote(protobuf: bytes))
    default: .routeSummary(try RouteSummary(protobuf: bytes))
    }
  }

  /// From Python's plain form: every field present, unset sub-messages null.
  init(_ type: String, plain: [String: Any]) throws {
    switch type {
    case "Point": self = .point(try #require(try Self.point(plain)))
    case "Rectangle":
      self = .rectangle(Rectangle(lo: try Self.point(plain["lo"]), hi: try Self.point(plain["hi"])))
    case "Feature":
      self = .feature(
        Feature(
          name: try #require(plain["name"] as? String), location: try Self.point(plain["location"]))
      )
    case "RouteNote":
      self = .routeNote(
        RouteNote(
          location: try Self.point(plain["location"]),
          message: try #require(plain["message"] as? String)))
    default:
      self = .routeSummary(
        RouteSummary(
          pointCount: try Self.int32(plain["point_count"]),
          featureCount: try Self.int32(plain["feature_count"]),
          distance: try Self.int32(plain["distance"]),
          elapsedTime: try Self.int32(plain["elapsed_time"])))
    }
  }

  func encoded() -> [UInt8] {
    switch self {
    case .point(let message): message.protobufBytes()
    case .rectangle(let message): message.protobufBytes()
    case .feature(let message): message.protobufBytes()
    case .routeNote(let message): message.protobufBytes()
    case .routeSummary(let message): message.protobufBytes()
    }
  }

  static func point(_ plain: Any?) throws -> Point? {
    guard let fields = plain as? [String: Any] else { return nil }
    return Point(
      latitude: try int32(fields["latitude"]), longitude: try int32(fields["longitude"]))
  }

  static func int32(_ plain: Any?) throws -> Int32 {
    try #require((plain as? Int).flatMap { Int32(exactly: $0) })
  }
}

func hex(_ bytes: [UInt8]) -> String {
  bytes.map {
    String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
  }
  .joined()
}

func bytesFromHex(_ hex: String) -> [UInt8]? {
  let digits = Array(hex.utf8)
  guard digits.count % 2 == 0 else { return nil }
  var result: [UInt8] = []
  for start in stride(from: 0, to: digits.count, by: 2) {
    guard let byte = UInt8(String(decoding: digits[start..<start + 2], as: UTF8.self), radix: 16)
    else { return nil }
    result.append(byte)
  }
  return result
}
