import RouteGuideCompression
import RouteGuideProtocol
import Testing

@Suite struct MessageCodecsTests {
  /// A codec that counts how often it was made, to see that codecs are made once, on use.
  final class CountingCodec: MessageCodec {
    let name: String
    let fixedOverhead = 0
    init(name: String) { self.name = name }
    func compress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8], limit: Int)
      throws(MessageCodecError)
    { output.append(contentsOf: input) }
    func decompress(_ input: UnsafeRawBufferPointer, into output: inout [UInt8], limit: Int)
      throws(MessageCodecError)
    { output.append(contentsOf: input) }
  }

  @Test func acceptEncodingListsTheAlgorithmsInOrder() {
    #expect(MessageCodecs(StandardCompression.algorithms).acceptEncoding == "gzip, deflate")
    #expect(MessageCodecs([StandardCompression.deflate]).acceptEncoding == "deflate")
    #expect(MessageCodecs([]).acceptEncoding == "")
  }

  @Test func codecsAreMadeOnceOnFirstUse() {
    nonisolated(unsafe) var made = 0
    let algorithm = CompressionAlgorithm(name: "test") {
      made += 1
      return CountingCodec(name: "test")
    }
    let codecs = MessageCodecs([algorithm, StandardCompression.gzip])
    #expect(made == 0)
    let first = codecs.codec(named: "test")
    let second = codecs.codec(for: algorithm)
    #expect(made == 1)
    #expect(first === second)
    #expect(codecs.codec(named: "GZip")?.name == "gzip")
    #expect(codecs.codec(named: "deflate") == nil)
    #expect(codecs.codec(for: StandardCompression.deflate) == nil)
  }

  @Test func encodingForAHeader() {
    let codecs = MessageCodecs(StandardCompression.algorithms)
    guard case .identity = codecs.encoding(forHeader: nil) else {
      Issue.record("no header is identity")
      return
    }
    guard case .identity = codecs.encoding(forHeader: "identity") else {
      Issue.record("identity is identity")
      return
    }
    guard case .compressed(let codec) = codecs.encoding(forHeader: "deflate") else {
      Issue.record("deflate is supported")
      return
    }
    #expect(codec.name == "deflate")
    guard case .unsupported(let name, let supported) = codecs.encoding(forHeader: "snappy") else {
      Issue.record("snappy is not supported")
      return
    }
    #expect(name == "snappy")
    #expect(supported == "gzip, deflate")
  }

  @Test(arguments: [
    ("gzip", true), ("identity,gzip", true), (" deflate , GZIP ", true),
    ("identity, deflate", false),
    ("gzipx", false), ("", false),
  ])
  func acceptEncodingLists(_ header: String, _ listsGzip: Bool) {
    #expect(MessageCodecs.list(header, contains: "gzip") == listsGzip)
  }
}
