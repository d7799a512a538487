import RouteGuideCompression
import RouteGuideProtocol
import Testing

/// Compressed messages in the deframer: read per message under the negotiated encoding, the
/// receive limit applied to the inflated size, and clear failures otherwise.
@Suite struct MessageDeframerInflateTests {
  static func frame(_ payload: [UInt8], compressedWith codec: (any MessageCodec)? = nil)
    -> [UInt8]
  {
    guard let codec else {
      var frame: [UInt8] = []
      GRPCFraming.appendFrame(payload: payload, to: &frame)
      return frame
    }
    var body: [UInt8] = []
    payload.withUnsafeBytes { try? codec.compress($0, into: &body, limit: 1 << 30) }
    var frame: [UInt8] = []
    GRPCFraming.appendFrame(payload: body, to: &frame)
    frame[0] = 1
    return frame
  }

  static let text = Array(
    String(repeating: "Berkshire Valley Management Area Trail ", count: 8).utf8)

  func drain(_ deframer: inout MessageDeframer) throws(GRPCStatus) -> [[UInt8]] {
    var messages: [[UInt8]] = []
    while let message = try deframer.next() { messages.append(message) }
    return messages
  }

  /// A stream may mix compressed and uncompressed messages; both accessors inflate.
  @Test(arguments: ["gzip", "deflate"])
  func mixedMessagesComeOutInOrder(_ name: String) throws {
    let codecs = MessageCodecs(StandardCompression.algorithms)
    let codec = try #require(codecs.codec(named: name))
    var deframer = MessageDeframer(maxMessageSize: 4096)
    deframer.encoding = codecs.encoding(forHeader: name)
    let stream =
      Self.frame(Self.text, compressedWith: codec) + Self.frame([1, 2, 3])
      + Self.frame(Self.text, compressedWith: codec) + Self.frame([])
    // Byte by byte, so prefixes and payloads straddle every chunk boundary.
    for byte in stream { deframer.append([byte]) }
    #expect(try deframer.next() == Self.text)
    #expect(try deframer.nextMessage { Array($0) } == [1, 2, 3])
    #expect(try deframer.nextMessage { Array($0) } == Self.text)
    #expect(try deframer.nextMessage { $0.count } == 0)
    #expect(try deframer.next() == nil)
    let counts = deframer.counts
    #expect(counts.messages == 4)
    #expect(counts.messageBytes == 2 * Self.text.count + 3)
    #expect(counts.wireBytes == stream.count)
    #expect(counts.wireBytes < counts.messageBytes)
  }

  @Test func unsupportedEncodingNamesItAndWhatRGTakes() {
    var deframer = MessageDeframer(maxMessageSize: 100)
    deframer.encoding = MessageCodecs(StandardCompression.algorithms).encoding(forHeader: "br")
    deframer.append(Self.frame([1, 2, 3]))
    deframer.append([1, 0, 0, 0, 1, 0])
    #expect((try? deframer.next()) == [1, 2, 3])
    #expect(
      throws: GRPCStatus(
        .internal,
        "received a message compressed with grpc-encoding \"br\", which rg cannot decompress "
          + "(it accepts gzip, deflate)")
    ) { try deframer.next() }
  }

  /// 16 MiB of zeros in about 16 KiB: RESOURCE_EXHAUSTED under a 1 MiB limit, the same error
  /// on every later call, and nothing buffered after it.
  @Test(arguments: ["gzip", "deflate"])
  func bombIsResourceExhaustedAtTheLimit(_ name: String) throws {
    let codecs = MessageCodecs(StandardCompression.algorithms)
    let codec = try #require(codecs.codec(named: name))
    let bomb = Self.frame([UInt8](repeating: 0, count: 16 << 20), compressedWith: codec)
    #expect(bomb.count < 1 << 20)
    var deframer = MessageDeframer(maxMessageSize: 1 << 20)
    deframer.encoding = .compressed(codec)
    deframer.append(bomb + Self.frame([7]))
    let expected = GRPCStatus(
      .resourceExhausted,
      "received message larger than max once decompressed (\(name): more than 1048576 bytes)")
    #expect(throws: expected) { try deframer.nextMessage { $0.count } }
    #expect(throws: expected) { try deframer.next() }
    #expect(!deframer.hasPartialMessage)
  }

  @Test func bodyThatDoesNotInflateIsInternal() {
    var deframer = MessageDeframer(maxMessageSize: 100)
    deframer.encoding = .compressed(ZlibCodec(.gzip))
    deframer.append([1, 0, 0, 0, 3, 1, 2, 3])
    #expect {
      try deframer.next()
    } throws: { error in
      let status = error as? GRPCStatus
      return status?.code == .internal
        && status?.message.hasPrefix("could not decompress a gzip message: ") == true
    }
  }

  /// The wire limit still holds for the compressed form, checked from the prefix.
  @Test func compressedLengthOverTheLimitIsRefusedFromThePrefix() {
    var deframer = MessageDeframer(maxMessageSize: 10)
    deframer.encoding = .compressed(ZlibCodec(.gzip))
    deframer.append([1, 0, 0, 0, 11])
    #expect {
      try deframer.next()
    } throws: { error in
      (error as? GRPCStatus)?.message == "received message larger than max (11 vs. 10)"
    }
  }
}
