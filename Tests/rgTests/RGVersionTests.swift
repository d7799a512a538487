import RouteGuideTransport
import Testing

@testable import rg

@Suite struct RGVersionTests {
  @Test func versionNamesRgAndTheLibraries() {
    let lines = RGVersion.text.split(separator: "\n")
    #expect(lines.first == "rg \(RGVersion.number)")
    #expect(lines.contains { $0 == "nghttp2 \(TransportVersions.nghttp2)" })
    #expect(lines.contains { $0.hasPrefix("OpenSSL ") })
  }
}
