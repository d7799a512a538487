import CNGHTTP2
import Testing

@testable import RouteGuideTransport

@Suite struct HTTP2HeaderBlockTests {
  /// What nghttp2 is handed, read back: every name and value, in order, with its length.
  static func readBack(_ headers: [(name: String, value: String)]) -> [[UInt8]] {
    HTTP2HeaderBlock.withNameValues(headers) { nvs in
      nvs.flatMap { nv in
        [
          Array(UnsafeBufferPointer(start: nv.name, count: nv.namelen)),
          Array(UnsafeBufferPointer(start: nv.value, count: nv.valuelen)),
        ]
      }
    }
  }

  @Test func namesAndValuesArrive() {
    let bridged = String(decoding: Array("from a bridged-free literal".utf8), as: UTF8.self)
    let headers: [(name: String, value: String)] = [
      (":path", "/routeguide.RouteGuide/GetFeature"), ("x-empty", ""),
      ("x-utf8", "Grüße, 世界"), ("x-long", String(repeating: "v", count: 5000)),
      ("x-built", bridged),
    ]
    #expect(
      Self.readBack(headers) == headers.flatMap { [Array($0.name.utf8), Array($0.value.utf8)] })
  }

  @Test func emptyList() {
    #expect(Self.readBack([]).isEmpty)
    #expect(HTTP2HeaderBlock.withNameValues([]) { $0.count } == 0)
  }

  @Test func listSizeCountsRFC9113sOverhead() {
    #expect(HTTP2HeaderBlock.listSize([("ab", "cde")]) == 37)
  }
}
