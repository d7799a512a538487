import RouteGuideProtocol
import Testing

@Suite struct ProtobufReaderTests {
  /// Runs `body` on a reader over `bytes`.
  func read<T>(
    _ bytes: [UInt8], _ body: (inout ProtobufReader) throws(ProtobufDecodingError) -> T
  ) throws(ProtobufDecodingError) -> T {
    let result: Result<T, ProtobufDecodingError> = bytes.withUnsafeBytes { buffer in
      var reader = ProtobufReader(buffer)
      return Result { () throws(ProtobufDecodingError) in try body(&reader) }
    }
    return try result.get()
  }

  func error(_ bytes: [UInt8], _ body: (inout ProtobufReader) throws(ProtobufDecodingError) -> Void)
    -> ProtobufDecodingError?
  {
    do {
      try read(bytes, body)
      return nil
    } catch {
      return error
    }
  }

  func requireTag(_ reader: inout ProtobufReader) throws(ProtobufDecodingError)
    -> ProtobufReader.Tag
  {
    guard let tag = try reader.nextTag() else {
      throw ProtobufDecodingError(offset: reader.offset, "test expected a tag")
    }
    return tag
  }

  @Test func varints() throws {
    #expect(
      try read([0xAC, 0x02]) { r throws(ProtobufDecodingError) in try r.readVarint() } == 300)
    let ten: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
    #expect(try read(ten) { r throws(ProtobufDecodingError) in try r.readVarint() } == .max)
    // Bits past 64 in the tenth byte are dropped, as protobuf runtimes do.
    let wide: [UInt8] = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F]
    #expect(try read(wide) { r throws(ProtobufDecodingError) in try r.readVarint() } == 1 << 63)
  }

  @Test func varintErrorsNameTheirOffset() {
    let truncated = error([0x08, 0x80, 0x80]) { r throws(ProtobufDecodingError) in
      _ = try r.nextTag()
      _ = try r.readVarint()
    }
    #expect(truncated == ProtobufDecodingError(offset: 1, "truncated varint"))
    let long = error([UInt8](repeating: 0x80, count: 10) + [0x01]) {
      r throws(ProtobufDecodingError) in _ = try r.readVarint()
    }
    #expect(long == ProtobufDecodingError(offset: 0, "varint longer than 10 bytes"))
    #expect(long?.description == "malformed protobuf at byte 0: varint longer than 10 bytes")
  }

  @Test func tags() throws {
    let tag = try read([0x82, 0x01]) { r throws(ProtobufDecodingError) in try r.nextTag() }
    #expect(tag?.field == 16)
    #expect(tag?.wireType == .lengthDelimited)
    #expect(try read([]) { r throws(ProtobufDecodingError) in try r.nextTag() } == nil)
  }

  @Test(
    arguments: [
      ([0x00, 0x01], "field number 0"), ([0x0E], "invalid wire type 6 for field 1"),
      ([0x0F], "invalid wire type 7 for field 1"),
      ([0x80, 0x80, 0x80, 0x80, 0x10], "tag does not fit 32 bits"),
    ] as [([UInt8], String)])
  func badTags(bytes: [UInt8], message: String) {
    let failure = error(bytes) { r throws(ProtobufDecodingError) in _ = try r.nextTag() }
    #expect(failure == ProtobufDecodingError(offset: 0, message))
  }

  @Test func int32TakesTheLowBitsOfTheVarint() throws {
    let bytes: [UInt8] = [0x08, 0x85, 0x80, 0x80, 0x80, 0x10]  // 2^32 + 5
    let value = try read(bytes) { r throws(ProtobufDecodingError) in
      try r.readInt32(try requireTag(&r))
    }
    #expect(value == 5)
  }

  @Test func wireTypeMismatchOnAKnownFieldIsAnError() {
    let failure = error([0x09, 1, 2, 3, 4, 5, 6, 7, 8]) { r throws(ProtobufDecodingError) in
      guard let tag = try r.nextTag() else { return }
      _ = try r.readInt32(tag)
    }
    #expect(failure == ProtobufDecodingError(offset: 0, "field 1 has wire type 1, expected 0"))
  }

  @Test func stringsMustBeValidUTF8() throws {
    let good = try read([0x0A, 0x02, 0xC3, 0xA9]) { r throws(ProtobufDecodingError) in
      try r.readString(try requireTag(&r))
    }
    #expect(good == "é")
    let bad = error([0x0A, 0x02, 0xC3, 0x28]) { r throws(ProtobufDecodingError) in
      guard let tag = try r.nextTag() else { return }
      _ = try r.readString(tag)
    }
    #expect(bad == ProtobufDecodingError(offset: 1, "invalid UTF-8 in string field 1"))
  }

  @Test func lengthsBeyondTheEndAreErrors() {
    let failure = error([0x0A, 0x05, 0x61]) { r throws(ProtobufDecodingError) in
      guard let tag = try r.nextTag() else { return }
      _ = try r.readString(tag)
    }
    #expect(failure == ProtobufDecodingError(offset: 1, "length 5 runs past the end of the input"))
  }

  @Test func skipsEveryWireTypeButGroups() throws {
    let bytes: [UInt8] =
      [0x08, 0x96, 0x01, 0x11] + [UInt8](repeating: 7, count: 8) + [0x1A, 0x02, 0xFF, 0xFE]
      + [0x25, 1, 2, 3, 4]
    let fields = try read(bytes) { r throws(ProtobufDecodingError) in
      var seen: [Int] = []
      while let tag = try r.nextTag() {
        seen.append(tag.field)
        try r.skip(tag)
      }
      return seen
    }
    #expect(fields == [1, 2, 3, 4])
    let group = error([0x0B, 0x0C]) { r throws(ProtobufDecodingError) in
      guard let tag = try r.nextTag() else { return }
      try r.skip(tag)
    }
    #expect(group == ProtobufDecodingError(offset: 0, "groups are not supported (field 1)"))
  }

  @Test(arguments: [[0x0D, 1, 2, 3], [0x09, 1, 2, 3, 4, 5, 6, 7]] as [[UInt8]])
  func truncatedFixedWidthValuesAreErrors(bytes: [UInt8]) {
    let failure = error(bytes) { r throws(ProtobufDecodingError) in
      guard let tag = try r.nextTag() else { return }
      try r.skip(tag)
    }
    #expect(failure?.offset == 1)
  }

  @Test func nestedReadersReportAbsoluteOffsets() {
    let failure = error([0x08, 0x01, 0x12, 0x03, 0x08, 0x80, 0x80]) {
      r throws(ProtobufDecodingError) in
      _ = try r.nextTag()
      _ = try r.readVarint()
      guard let tag = try r.nextTag() else { return }
      var nested = try r.readMessage(tag)
      #expect(nested.offset == 4)
      _ = try nested.nextTag()
      _ = try nested.readVarint()
    }
    #expect(failure == ProtobufDecodingError(offset: 5, "truncated varint"))
  }
}
