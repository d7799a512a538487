import RouteGuideCompression
import RouteGuideProtocol
import Testing

/// Compressed frames: flag 1 and the compressed payload when that is smaller, the message as it
/// is otherwise, and what the deframer makes of both.
@Suite struct GRPCFramingCompressionTests {
  static let note = RouteNote(
    location: Point(latitude: 1, longitude: 2),
    message: String(repeating: "compressible ", count: 20))

  static func deframe(_ stream: [UInt8], codec: any MessageCodec) throws -> [[UInt8]] {
    var deframer = MessageDeframer(maxMessageSize: 1 << 20)
    deframer.encoding = .compressed(codec)
    deframer.append(stream)
    var messages: [[UInt8]] = []
    while let message = try deframer.next() { messages.append(message) }
    return messages
  }

  @Test(arguments: ["gzip", "deflate"])
  func compressibleMessageIsCompressed(_ name: String) throws {
    let codec = try #require(MessageCodecs(StandardCompression.algorithms).codec(named: name))
    var stream: [UInt8] = []
    let size = GRPCFraming.appendFrame(of: Self.note, compressingWith: codec, to: &stream)
    #expect(size == Self.note.protobufBytes().count)
    #expect(stream[0] == 1)
    #expect(stream.count < size / 2)
    #expect(try Self.deframe(stream, codec: codec) == [Self.note.protobufBytes()])
  }

  /// A Point (12 bytes) cannot beat gzip's 18 bytes of header and trailer: not even tried.
  /// Random bytes do not shrink: tried, and sent as they are.
  @Test func messagesThatWouldNotShrinkGoAsTheyAre() throws {
    let codecs = MessageCodecs(StandardCompression.algorithms)
    let gzip = try #require(codecs.codec(named: "gzip"))
    let point = Point(latitude: 409_146_138, longitude: -746_188_906)
    var compressed: [UInt8] = []
    GRPCFraming.appendFrame(of: point, compressingWith: gzip, to: &compressed)
    var plain: [UInt8] = []
    GRPCFraming.appendFrame(of: point, to: &plain)
    #expect(compressed == plain)
    var state: UInt64 = 88_172_645_463_325_252
    let random = (0..<200).map { _ -> UInt8 in
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return UInt8(truncatingIfNeeded: state)
    }
    var frame: [UInt8] = []
    random.withUnsafeBytes {
      GRPCFraming.appendFrame(payload: $0, compressingWith: gzip, to: &frame)
    }
    #expect(frame == [0, 0, 0, 0, 200] + random)
  }

  /// Frames after others in the same buffer: each compressed on its own, the stream mixed.
  @Test func framesAppendToWhatIsThere() throws {
    let codec = ZlibCodec(.zlib)
    var stream: [UInt8] = []
    GRPCFraming.appendFrame(of: Point(latitude: 1, longitude: 1), to: &stream)
    GRPCFraming.appendFrame(of: Self.note, compressingWith: codec, to: &stream)
    GRPCFraming.appendFrame(
      of: Point(latitude: 2, longitude: 2), compressingWith: codec, to: &stream)
    #expect(
      try Self.deframe(stream, codec: codec) == [
        Point(latitude: 1, longitude: 1).protobufBytes(), Self.note.protobufBytes(),
        Point(latitude: 2, longitude: 2).protobufBytes(),
      ])
  }
}
