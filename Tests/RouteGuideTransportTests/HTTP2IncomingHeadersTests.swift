import Testing

@testable import RouteGuideTransport

@Suite struct HTTP2IncomingHeadersTests {
  static func add(_ headers: inout HTTP2IncomingHeaders, _ name: String, _ value: String) {
    let nameBytes = Array(name.utf8)
    let valueBytes = Array(value.utf8)
    nameBytes.withUnsafeBufferPointer { n in
      valueBytes.withUnsafeBufferPointer { v in headers.add(name: n, value: v) }
    }
  }

  @Test func keepsFieldsWithinTheBudget() {
    var headers = HTTP2IncomingHeaders(limit: 100)
    headers.begin(streamID: 3)
    Self.add(&headers, "a", "1")
    Self.add(&headers, "bb", "22")
    #expect(headers.size == 1 + 1 + 32 + 2 + 2 + 32)
    #expect(!headers.isOversized)
    let fields = headers.finish()
    #expect(fields.map(\.name) == ["a", "bb"])
    #expect(fields.map(\.value) == ["1", "22"])
  }

  /// HPACK can repeat one large table entry hundreds of times in a few bytes: past the budget
  /// nothing more is kept, and what was kept is let go.
  @Test func dropsEverythingOnceOverTheBudget() {
    var headers = HTTP2IncomingHeaders(limit: 100)
    headers.begin(streamID: 5)
    Self.add(&headers, "a", "1")
    for _ in 0..<241 { Self.add(&headers, "x", String(repeating: "v", count: 4096)) }
    #expect(headers.isOversized)
    #expect(headers.finish().isEmpty)
  }

  @Test func aNewBlockStartsClean() {
    var headers = HTTP2IncomingHeaders(limit: 40)
    headers.begin(streamID: 1)
    Self.add(&headers, "name", "a long value that does not fit")
    #expect(headers.isOversized)
    headers.begin(streamID: 3)
    #expect(!headers.isOversized)
    #expect(headers.streamID == 3)
    Self.add(&headers, "a", "b")
    #expect(headers.finish().count == 1)
  }
}
