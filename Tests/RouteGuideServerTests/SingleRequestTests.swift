import RouteGuideProtocol
import Testing

@testable import RouteGuideServer

@Suite struct SingleRequestTests {
  @Test func oneMessageIsTheRequest() throws {
    var request = SingleRequest<Point>()
    try request.receive(Point(latitude: 7).protobufBytes())
    #expect(try request.end() == Point(latitude: 7))
  }

  @Test func noMessageIsInternal() {
    let request = SingleRequest<Point>()
    #expect(throws: GRPCStatus.self) { try request.end() }
    do {
      _ = try request.end()
    } catch {
      #expect(error.code == .internal)
    }
  }

  @Test func secondMessageIsInternal() throws {
    var request = SingleRequest<Point>()
    try request.receive([])
    do {
      try request.receive([])
      Issue.record("a second message was accepted")
    } catch {
      #expect(error.code == .internal)
      #expect(error.message.contains("too many requests"))
    }
  }

  @Test func malformedMessageIsInternal() {
    var request = SingleRequest<Point>()
    do {
      try request.receive([0x08])  // field 1 varint with the varint missing
      Issue.record("a truncated message was accepted")
    } catch {
      #expect(error.code == .internal)
      #expect(error.message.contains("Point"))
    }
  }
}
