import RouteGuideCompression
import RouteGuideProtocol
import Testing

@Suite struct ZlibCodecTests {
  @Test func placeholder() {}
}
