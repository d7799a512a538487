import RouteGuideCompression
import RouteGuideProtocol
import Testing

@Suite struct StandardCompressionTests {
  @Test func listsGzipThenDeflate() {
    #expect(StandardCompression.algorithms.map(\.name) == ["gzip", "deflate"])
    #expect(MessageCodecs(StandardCompression.algorithms).acceptEncoding == "gzip, deflate")
  }

  @Test func findsAlgorithmsByName() {
    #expect(StandardCompression.algorithm(named: "deflate") == StandardCompression.deflate)
    #expect(StandardCompression.algorithm(named: "identity") == nil)
    #expect(StandardCompression.algorithm(named: "zstd") == nil)
  }

  /// Each algorithm makes the codec of its name.
  @Test func algorithmsMakeTheirCodecs() {
    let codecs = MessageCodecs(StandardCompression.algorithms)
    for algorithm in StandardCompression.algorithms {
      #expect(codecs.codec(for: algorithm)?.name == algorithm.name)
    }
  }
}
