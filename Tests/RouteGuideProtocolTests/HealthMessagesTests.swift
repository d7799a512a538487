import Foundation
import RouteGuideProtocol
import TestSupport
import Testing

/// grpc.health.v1 messages, and proto3 JSON enums through ServingStatus.
@Suite struct HealthMessagesTests {
  @Test func statusesHaveTheirProtoNames() {
    #expect(ServingStatus.serving.name == "SERVING")
    #expect(ServingStatus.serviceUnknown.description == "SERVICE_UNKNOWN")
    #expect(ServingStatus(rawValue: 7).name == nil)
    #expect(ServingStatus(rawValue: 7).description == "7")
    #expect(ServingStatus(name: "NOT_SERVING") == .notServing)
    #expect(ServingStatus(name: "serving") == nil)
  }

  @Test func enumsReadNamesOrNumbersAndKeepUnknownNumbers() throws {
    #expect(try HealthCheckResponse(jsonText: #"{"status":"SERVING"}"#).status == .serving)
    #expect(try HealthCheckResponse(jsonText: #"{"status":2}"#).status == .notServing)
    let unknown = try HealthCheckResponse(jsonText: #"{"status":7}"#)
    #expect(unknown.status.rawValue == 7)
    #expect(unknown.jsonString() == #"{"status":7}"#)
    #expect(try HealthCheckResponse(jsonText: #"{"status":null}"#).status == .unknown)
  }

  @Test func enumsRejectUnknownNamesAndOtherKinds() {
    for (text, reason) in [
      (#"{"status":"BUSY"}"#, #""BUSY" is not a grpc.health.v1.HealthCheckResponse"#),
      (#"{"status":true}"#, "expected a grpc.health.v1.HealthCheckResponse.ServingStatus name"),
      (#"{"status":1.5}"#, "not an integer"),
    ] {
      #expect {
        try HealthCheckResponse(jsonText: text)
      } throws: { error in
        "\(error)".contains(reason)
      }
    }
  }

  @Test func defaultsAreLeftOutUnlessAskedFor() {
    #expect(HealthCheckResponse().jsonString() == "{}")
    #expect(
      HealthCheckResponse().jsonString(options: JSONMappingOptions(emitDefaults: true))
        == #"{"status":"UNKNOWN"}"#)
    #expect(HealthCheckRequest().jsonString() == "{}")
  }

  /// Byte for byte and name for name what Python's protobuf runtime makes of the same values
  /// (Tests/Interop/health_golden.py).
  @Test func agreesWithPythonsProtobuf() throws {
    let result = try Subprocess.python([RepoPaths.interop + "/health_golden.py"])
    #expect(result.status == 0, "\(result.stderrText)")
    let lines = result.stdoutLines
    #expect(lines.count == 9)
    let all = JSONMappingOptions(emitDefaults: true)
    for line in lines {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let hex = try #require(object["hex"] as? String)
      let json = try #require(object["json"] as? [String: Any])
      let expectedJSON = String(
        decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]),
        as: UTF8.self)
      let bytes = Self.bytes(hex)
      switch object["type"] as? String {
      case "HealthCheckRequest":
        let message = try HealthCheckRequest(protobuf: bytes)
        #expect(Self.hex(message.protobufBytes()) == hex)
        #expect(message.jsonString(options: all).utf8.count > 0)
        #expect(try HealthCheckRequest(jsonText: message.jsonString(options: all)) == message)
      default:
        let message = try HealthCheckResponse(protobuf: bytes)
        #expect(Self.hex(message.protobufBytes()) == hex, "\(line)")
        #expect(
          message.jsonString(options: all) == expectedJSON.replacingOccurrences(of: " ", with: ""))
      }
    }
  }

  static func bytes(_ hex: String) -> [UInt8] {
    var result: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
      let next = hex.index(index, offsetBy: 2)
      result.append(UInt8(hex[index..<next], radix: 16) ?? 0)
      index = next
    }
    return result
  }

  static func hex(_ bytes: [UInt8]) -> String {
    bytes.map {
      String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
    }
    .joined()
  }
}
