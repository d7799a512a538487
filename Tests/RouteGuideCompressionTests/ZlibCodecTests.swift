import RouteGuideCompression
import RouteGuideProtocol
import Testing

/// The zlib codecs: the formats gzip and deflate peers write, round trips, and the limits that
/// make a compression bomb cost no more than the receive limit.
@Suite struct ZlibCodecTests {
  /// `hello, rg` as Python's `gzip.compress(mtime=0)` and `zlib.compress` write it.
  static let pythonGzip: [UInt8] = [
    31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 203, 72, 205, 201, 201, 215, 81, 40, 74, 7, 0, 8, 41, 141,
    173, 9, 0, 0, 0,
  ]
  static let pythonDeflate: [UInt8] = [
    120, 156, 203, 72, 205, 201, 201, 215, 81, 40, 74, 7, 0, 16, 219, 3, 58,
  ]

  static func compress(_ codec: ZlibCodec, _ input: [UInt8], limit: Int = 1 << 30) throws
    -> [UInt8]
  {
    var output: [UInt8] = []
    try input.withUnsafeBytes { try codec.compress($0, into: &output, limit: limit) }
    return output
  }

  static func decompress(_ codec: ZlibCodec, _ input: [UInt8], limit: Int = 1 << 30) throws
    -> [UInt8]
  {
    var output: [UInt8] = []
    try input.withUnsafeBytes { try codec.decompress($0, into: &output, limit: limit) }
    return output
  }

  /// Bytes that compress a little (a repeating pattern with a counter through it).
  static func sample(_ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 % 251 ^ ($0 >> 7)) }
  }

  @Test func readsWhatPythonWrites() throws {
    #expect(try Self.decompress(ZlibCodec(.gzip), Self.pythonGzip) == Array("hello, rg".utf8))
    #expect(
      try Self.decompress(ZlibCodec(.zlib), Self.pythonDeflate) == Array("hello, rg".utf8))
  }

  @Test func namesAndFramesAreGRPCs() throws {
    let gzip = ZlibCodec(.gzip)
    let deflate = ZlibCodec(.zlib)
    #expect(gzip.name == "gzip")
    #expect(deflate.name == "deflate")
    // RFC 1952's magic number; RFC 1950's header for a 32 KiB window.
    #expect(try Self.compress(gzip, Self.sample(100)).prefix(2) == [0x1F, 0x8B])
    #expect(try Self.compress(deflate, Self.sample(100)).first == 0x78)
  }

  @Test(arguments: [ZlibCodec.Format.gzip, .zlib], [0, 1, 100, 40_000, 300_000])
  func roundTrips(_ format: ZlibCodec.Format, _ count: Int) throws {
    let codec = ZlibCodec(format)
    let input = Self.sample(count)
    let compressed = try Self.compress(codec, input)
    #expect(try Self.decompress(codec, compressed) == input)
    // The fixed overhead is a floor: nothing compresses below it.
    #expect(compressed.count > codec.fixedOverhead)
  }

  @Test(arguments: [ZlibCodec.Format.gzip, .zlib])
  func oneCodecServesManyMessagesAndRecoversFromFailures(_ format: ZlibCodec.Format) throws {
    let codec = ZlibCodec(format)
    for round in 1...50 {
      let input = Self.sample(round * 37)
      let compressed = try Self.compress(codec, input)
      // A failure in the middle of a stream leaves nothing behind for the next message.
      #expect(throws: MessageCodecError.tooLarge) {
        try Self.decompress(codec, compressed, limit: input.count - 1)
      }
      #expect(throws: MessageCodecError.self) {
        try Self.decompress(codec, Array(compressed.prefix(compressed.count / 2)))
      }
      #expect(try Self.decompress(codec, compressed) == input)
    }
  }

  /// Small messages and large ones go through different deflate streams (a small hash table
  /// for the small): one codec alternating between them keeps both right.
  @Test func smallAndLargeMessagesAlternate() throws {
    let codec = ZlibCodec(.gzip)
    for count in [10, 20_000, 8 << 10, (8 << 10) + 1, 300, 100_000, 0] {
      let input = Self.sample(count)
      #expect(try Self.decompress(codec, Self.compress(codec, input)) == input, "\(count)")
    }
  }

  /// 64 MiB of zeros compress to about 64 KiB; inflated under a 1 MiB limit, no more than the
  /// limit and one byte come out.
  @Test(arguments: [ZlibCodec.Format.gzip, .zlib])
  func bombStopsAtTheLimit(_ format: ZlibCodec.Format) throws {
    let codec = ZlibCodec(format)
    let bomb = try Self.compress(codec, [UInt8](repeating: 0, count: 64 << 20))
    #expect(bomb.count < 100 << 10)
    var output: [UInt8] = []
    let error = bomb.withUnsafeBytes { bytes -> MessageCodecError? in
      do throws(MessageCodecError) {
        try codec.decompress(bytes, into: &output, limit: 1 << 20)
        return nil
      } catch {
        return error
      }
    }
    #expect(error == .tooLarge)
    #expect(output.count <= 1 << 20)
  }

  @Test func aMessageOfExactlyTheLimitPasses() throws {
    let codec = ZlibCodec(.gzip)
    let input = Self.sample(5000)
    let compressed = try Self.compress(codec, input)
    #expect(try Self.decompress(codec, compressed, limit: 5000) == input)
    #expect(throws: MessageCodecError.tooLarge) {
      try Self.decompress(codec, compressed, limit: 4999)
    }
    // An empty message under a zero limit.
    #expect(try Self.decompress(codec, Self.compress(codec, []), limit: 0) == [])
  }

  @Test func compressingStopsAtItsLimit() throws {
    let codec = ZlibCodec(.gzip)
    var state: UInt32 = 2_463_534_242
    let random = (0..<1000).map { _ -> UInt8 in
      // xorshift32: bytes deflate cannot shrink.
      state ^= state << 13
      state ^= state >> 17
      state ^= state << 5
      return UInt8(truncatingIfNeeded: state >> 24)
    }
    #expect(throws: MessageCodecError.tooLarge) { try Self.compress(codec, random, limit: 999) }
    #expect(try Self.compress(codec, Self.sample(1000), limit: 999).count < 1000)
  }

  @Test func corruptInputIsInvalidData() throws {
    let gzip = ZlibCodec(.gzip)
    let valid = try Self.compress(gzip, Self.sample(1000))
    let cases: [([UInt8], String)] = [
      ([], "ends early"),
      (Array(valid.dropLast(9)), "ends early"),
      (valid + [0], "data after the end"),
      (Array("not compressed".utf8), "incorrect header check"),
    ]
    for (input, reason) in cases {
      #expect {
        try Self.decompress(gzip, input)
      } throws: { error in
        guard case .invalidData(let text) = error as? MessageCodecError else { return false }
        return text.contains(reason)
      }
    }
    // A flipped bit in the data or its checksum.
    var flipped = valid
    flipped[flipped.count - 6] ^= 1
    #expect(throws: MessageCodecError.self) { try Self.decompress(gzip, flipped) }
    // gzip is not deflate: each codec reads its own format only.
    #expect(throws: MessageCodecError.self) { try Self.decompress(ZlibCodec(.zlib), valid) }
  }
}
