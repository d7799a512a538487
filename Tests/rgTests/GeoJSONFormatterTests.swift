import RouteGuideProtocol
import Testing

@testable import rg

@Suite struct GeoJSONFormatterTests {
  static func run(
    sequence: Bool = false, shape: CallShape, _ body: (GeoJSONFormatter, inout [UInt8]) -> Void
  ) -> String {
    let formatter = GeoJSONFormatter(
      sequence: sequence, shape: shape, mapping: JSONMappingOptions())
    var bytes: [UInt8] = []
    formatter.begin(into: &bytes)
    body(formatter, &bytes)
    formatter.end(into: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func degreesAreExactDecimals() {
    for (e7, text) in [
      (Int32(-746_188_906), "-74.6188906"), (409_146_138, "40.9146138"), (400_000_000, "40"),
      (1, "0.0000001"), (-10, "-0.000001"), (0, "0"), (Int32.min, "-214.7483648"),
    ] {
      var bytes: [UInt8] = []
      GeoJSONCoordinates.appendDegrees(e7, to: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == text)
    }
    #expect(!GeoJSONCoordinates.isValid(Point(latitude: 900_000_001, longitude: 0)))
    #expect(GeoJSONCoordinates.isValid(Point(latitude: -900_000_000, longitude: 1_800_000_000)))
  }

  @Test func placesArePointFeatures() {
    let text = Self.run(shape: .serverStreaming) { formatter, bytes in
      formatter.append(Feature(name: "a", location: Point(latitude: 1, longitude: 2)), into: &bytes)
      formatter.append(Feature(name: "", location: nil), into: &bytes)
    }
    #expect(
      text == #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":"#
        + #"{"type":"Point","coordinates":[0.0000002,0.0000001]},"properties":{"name":"a"}},"#
        + #"{"type":"Feature","geometry":null,"properties":{"name":""}}]}"# + "\n")
  }

  @Test func aRouteIsOneLineStringWithTheAnswerAsProperties() {
    let text = Self.run(shape: .clientStreaming) { formatter, bytes in
      for latitude: Int32 in [1, 2, 3] {
        formatter.request(Point(latitude: latitude), into: &bytes)
      }
      // A point off the globe is left out of the line.
      formatter.request(Point(latitude: 999_999_999), into: &bytes)
      formatter.append(RouteSummary(pointCount: 4), into: &bytes)
    }
    #expect(
      text == #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":"#
        + #"{"type":"LineString","coordinates":[[0,0.0000001],[0,0.0000002],[0,0.0000003]]},"#
        + #""properties":{"pointCount":4}}]}"# + "\n")
  }

  @Test func shortOrUnansweredRoutesStayValid() {
    let one = Self.run(shape: .clientStreaming) { formatter, bytes in
      formatter.request(Point(latitude: 5), into: &bytes)
    }
    #expect(
      one.contains(#""geometry":{"type":"Point","coordinates":[0,0.0000005]},"properties":null"#))
    let none = Self.run(shape: .clientStreaming) { formatter, bytes in
      formatter.append(RouteSummary(), into: &bytes)
    }
    #expect(none.contains(#""geometry":null,"properties":{}"#))
  }

  @Test func sequencesPrefixEachFeatureWithRS() {
    let text = Self.run(sequence: true, shape: .bidiStreaming) { formatter, bytes in
      formatter.append(RouteNote(location: Point(latitude: 1), message: "hi"), into: &bytes)
      formatter.appendError(
        CallError(
          status: GRPCStatus(.notFound, "x"), input: InputPosition(source: "stdin", line: 2)),
        into: &bytes)
    }
    let records = text.split(separator: "\u{1E}", omittingEmptySubsequences: false)
    #expect(records.count == 3 && records[0].isEmpty)
    #expect(records[1].hasSuffix("}\n") && records[1].contains(#""message":"hi""#))
    #expect(records[2].contains(#""error":{"code":"NOT_FOUND","status":5"#))
  }
}
