import RouteGuideProtocol
import Testing

@Suite struct JSONWriterTests {
  private func written(_ body: (inout JSONWriter) -> Void) -> String {
    var writer = JSONWriter()
    body(&writer)
    return String(decoding: writer.bytes, as: UTF8.self)
  }

  @Test func escapesAsPythonJSONDoes() {
    #expect(written { $0.writeString("a\"b\\c/d\n\r\t\u{8}\u{C}") } == #""a\"b\\c/d\n\r\t\b\f""#)
    #expect(written { $0.writeString("\u{0}\u{1}\u{1F}") } == #""\u0000\u0001\u001f""#)
    #expect(written { $0.writeString("\u{7F}é日🎉\u{2028}") } == "\"\u{7F}é日🎉\u{2028}\"")
    #expect(written { $0.writeString("") } == #""""#)
  }

  @Test func escapesEveryControlCharacter() {
    let short: [UInt8: String] = [8: #"\b"#, 9: #"\t"#, 10: #"\n"#, 12: #"\f"#, 13: #"\r"#]
    for byte in UInt8(0)..<0x20 {
      let hex = String(byte, radix: 16)
      let expected = short[byte] ?? "\\u00" + (hex.count == 1 ? "0" + hex : hex)
      #expect(written { $0.writeString(String(UnicodeScalar(byte))) } == "\"\(expected)\"")
    }
  }

  @Test func writesInt32DigitsDirectly() {
    let values: [Int32] = [0, 7, -7, 10, 99, 100, -100, 409_146_138, .max, .min]
    for value in values {
      #expect(written { $0.writeInt32(value) } == String(value))
    }
  }

  @Test func separatesMembersAndNestedObjects() {
    let text = written { writer in
      writer.beginObject()
      writer.writeKey("a")
      writer.writeInt32(1)
      writer.writeKey("b\"")
      writer.beginObject()
      writer.writeKey("c")
      writer.writeBool(true)
      writer.writeKey("d")
      writer.writeNull()
      writer.endObject()
      writer.writeKey("e")
      writer.beginObject()
      writer.endObject()
      writer.endObject()
    }
    #expect(text == #"{"a":1,"b\"":{"c":true,"d":null},"e":{}}"#)
  }

  @Test func appendsToExistingBytes() {
    var writer = JSONWriter(bytes: Array("x".utf8))
    writer.writeBool(false)
    #expect(writer.bytes == Array("xfalse".utf8))
  }
}
