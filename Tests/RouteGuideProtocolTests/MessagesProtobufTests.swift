import RouteGuideProtocol
import Testing

@Suite struct MessagesProtobufTests {
  @Test func pointEncodesFieldsInOrderAndOmitsZeros() {
    #expect(Point().protobufBytes() == [])
    #expect(Point(latitude: 1, longitude: 2).protobufBytes() == [0x08, 0x01, 0x10, 0x02])
    #expect(Point(longitude: 150).protobufBytes() == [0x10, 0x96, 0x01])
  }

  @Test func rectangleKeepsPresenceOfEmptyCorners() throws {
    let rectangle = Rectangle(lo: Point(), hi: nil)
    #expect(rectangle.protobufBytes() == [0x0A, 0x00])
    #expect(try Rectangle(protobuf: [0x0A, 0x00]) == rectangle)
    #expect(try Rectangle(protobuf: []) == Rectangle())
  }

  @Test func featureWithUnicodeNameRoundTrips() throws {
    let feature = Feature(name: "Zürich 東京 🚀", location: Point(latitude: -1, longitude: .max))
    #expect(try Feature(protobuf: feature.protobufBytes()) == feature)
  }

  @Test func routeNoteAndSummaryRoundTrip() throws {
    let note = RouteNote(location: Point(latitude: 3), message: "hello")
    #expect(try RouteNote(protobuf: note.protobufBytes()) == note)
    let summary = RouteSummary(pointCount: .max, featureCount: .min, distance: -1, elapsedTime: 7)
    #expect(try RouteSummary(protobuf: summary.protobufBytes()) == summary)
    #expect(RouteSummary().protobufBytes() == [])
  }

  @Test func decodesFromBufferPointers() throws {
    let bytes: [UInt8] = [0x08, 0x05]
    let point = try bytes.withUnsafeBytes { buffer throws(ProtobufDecodingError) in
      try Point(protobuf: buffer)
    }
    #expect(point == Point(latitude: 5))
  }

  @Test func lastScalarWins() throws {
    #expect(
      try Point(protobuf: [0x08, 0x01, 0x10, 0x07, 0x08, 0x02]) == Point(latitude: 2, longitude: 7))
    let names: [UInt8] = [0x0A, 0x01, 0x61, 0x0A, 0x01, 0x62]
    #expect(try Feature(protobuf: names).name == "b")
    // A zero on the wire still overrides an earlier value.
    #expect(try RouteSummary(protobuf: [0x08, 0x05, 0x08, 0x00]).pointCount == 0)
  }

  @Test func repeatedSubMessagesMerge() throws {
    let bytes: [UInt8] = [0x12, 0x02, 0x08, 0x01, 0x12, 0x02, 0x10, 0x02, 0x12, 0x00]
    #expect(try Feature(protobuf: bytes).location == Point(latitude: 1, longitude: 2))
    let corners: [UInt8] = [0x0A, 0x02, 0x08, 0x03, 0x12, 0x00, 0x0A, 0x02, 0x08, 0x04]
    #expect(try Rectangle(protobuf: corners) == Rectangle(lo: Point(latitude: 4), hi: Point()))
  }

  @Test func unknownFieldsOfEveryWireTypeAreSkipped() throws {
    let unknown: [UInt8] =
      [0x18, 0x01, 0x21] + [UInt8](repeating: 0xAB, count: 8) + [
        0x2A, 0x01, 0xFF, 0x35, 1, 2, 3, 4,
      ]
    let bytes = unknown + [0x0A, 0x01, 0x78] + unknown
    #expect(try Feature(protobuf: bytes) == Feature(name: "x"))
    #expect(try RouteNote(protobuf: unknown + [0x12, 0x01, 0x79]) == RouteNote(message: "y"))
  }

  @Test(
    arguments: [
      ("Point", [0x08] as [UInt8], "truncated varint"),
      (
        "Point", [0x08] + [UInt8](repeating: 0x80, count: 10) + [0x01],
        "varint longer than 10 bytes"
      ),
      ("Feature", [0x0A, 0x04, 0x61], "length 4 runs past the end of the input"),
      ("Feature", [0x08, 0x01], "field 1 has wire type 0, expected 2"),
      ("Rectangle", [0x0D, 0, 0, 0, 0], "field 1 has wire type 5, expected 2"),
      ("Point", [0x00, 0x00], "field number 0"),
      ("RouteNote", [0x12, 0x01, 0xFF], "invalid UTF-8 in string field 2"),
      ("Rectangle", [0x12, 0x02, 0x08, 0x80], "truncated varint"),
      ("RouteSummary", [0x2B, 0x2C], "groups are not supported (field 5)"),
    ] as [(String, [UInt8], String)])
  func malformedInputThrows(type: String, bytes: [UInt8], message: String) {
    #expect {
      switch type {
      case "Point": _ = try Point(protobuf: bytes)
      case "Feature": _ = try Feature(protobuf: bytes)
      case "Rectangle": _ = try Rectangle(protobuf: bytes)
      case "RouteNote": _ = try RouteNote(protobuf: bytes)
      default: _ = try RouteSummary(protobuf: bytes)
      }
    } throws: { error in
      (error as? ProtobufDecodingError)?.message == message
    }
  }
}
