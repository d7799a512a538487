import RouteGuideProtocol
import Testing

@Suite struct ProtobufWriterTests {
  @Test(
    arguments: [
      (UInt64(0), [0x00]), (1, [0x01]), (127, [0x7F]), (128, [0x80, 0x01]), (300, [0xAC, 0x02]),
      (16_383, [0xFF, 0x7F]), (16_384, [0x80, 0x80, 0x01]),
      (UInt64(UInt32.max), [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
      (UInt64.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ] as [(UInt64, [UInt8])])
  func varints(value: UInt64, expected: [UInt8]) {
    var writer = ProtobufWriter()
    writer.writeVarint(value)
    #expect(writer.bytes == expected)
  }

  @Test func int32FieldsOmitZeroAndSignExtendNegatives() {
    var writer = ProtobufWriter()
    writer.writeInt32Field(1, 0)
    #expect(writer.bytes.isEmpty)
    writer.writeInt32Field(1, 150)
    #expect(writer.bytes == [0x08, 0x96, 0x01])
    writer.bytes = []
    writer.writeInt32Field(2, -1)
    #expect(writer.bytes == [0x10] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
    writer.bytes = []
    writer.writeInt32Field(3, .min)
    #expect(writer.bytes == [0x18, 0x80, 0x80, 0x80, 0x80, 0xF8, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
  }

  @Test func tagsOfLargeFieldNumbers() {
    var writer = ProtobufWriter()
    writer.writeTag(field: 16, wireType: .lengthDelimited)
    writer.writeTag(field: 536_870_911, wireType: .fixed32)
    #expect(writer.bytes == [0x82, 0x01, 0xFD, 0xFF, 0xFF, 0xFF, 0x0F])
  }

  @Test func stringFieldsAreUTF8AndOmittedWhenEmpty() {
    var writer = ProtobufWriter()
    writer.writeStringField(1, "")
    #expect(writer.bytes.isEmpty)
    writer.writeStringField(1, "é🚀")
    #expect(writer.bytes == [0x0A, 0x06, 0xC3, 0xA9, 0xF0, 0x9F, 0x9A, 0x80])
  }

  @Test func longStringsTakeMultiByteLengths() {
    var writer = ProtobufWriter()
    writer.writeStringField(1, String(repeating: "a", count: 300))
    #expect(writer.bytes.prefix(3) == [0x0A, 0xAC, 0x02])
    #expect(writer.bytes.count == 303)
  }

  @Test func setSubMessagesAreWrittenEvenWhenEmpty() {
    var writer = ProtobufWriter()
    writer.writeMessageField(2, Point())
    writer.writeMessageField(1, Point(latitude: 1, longitude: -2))
    #expect(
      writer.bytes == [0x12, 0x00, 0x0A, 0x0D, 0x08, 0x01, 0x10] + [0xFE]
        + [UInt8](
          repeating: 0xFF, count: 8) + [0x01])
  }

  @Test func subMessagesOf128BytesOrMoreGetLongerLengthsInPlace() {
    var writer = ProtobufWriter(bytes: [0xAA])
    let feature = Feature(name: String(repeating: "n", count: 200), location: Point(latitude: 1))
    writer.writeMessageField(3, feature)
    let inner = feature.protobufBytes()
    #expect(inner.count == 207)
    #expect(writer.bytes == [0xAA, 0x1A, 0xCF, 0x01] + inner)
  }

  @Test func appendsToExistingBytes() {
    var writer = ProtobufWriter(bytes: [1, 2, 3])
    writer.writeInt32Field(1, 1)
    #expect(writer.bytes == [1, 2, 3, 0x08, 0x01])
  }
}
