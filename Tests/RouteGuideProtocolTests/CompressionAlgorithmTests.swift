import RouteGuideProtocol
import Testing

@Suite struct CompressionAlgorithmTests {
  /// An algorithm is its name: options compare and hash by it.
  @Test func algorithmsAreTheirNames() {
    let one = CompressionAlgorithm(name: "gzip") { MessageCodecsTests.CountingCodec(name: "a") }
    let other = CompressionAlgorithm(name: "gzip") { MessageCodecsTests.CountingCodec(name: "b") }
    let third = CompressionAlgorithm(name: "deflate") {
      MessageCodecsTests.CountingCodec(name: "c")
    }
    #expect(one == other)
    #expect(one != third)
    #expect(Set([one, other, third]).count == 2)
    #expect(one.description == "gzip")
  }
}
