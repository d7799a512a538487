import Testing

@testable import RouteGuideTransport

@Suite struct HTTP2EventQueueTests {
  @Test func keepsEventsInOrderWithTheirBytes() {
    var queue = HTTP2EventQueue()
    [UInt8]([1, 2, 3]).withUnsafeBytes { queue.appendData(streamID: 1, $0) }
    queue.append(.endOfData(streamID: 1))
    [UInt8]([9]).withUnsafeBytes { queue.appendData(streamID: 3, $0) }
    let (events, bytes) = queue.take()
    #expect(queue.isEmpty)
    #expect(bytes == [1, 2, 3, 9])
    #expect(events.map(\.streamID) == [1, 1, 3])
    guard case .data(_, let offset, let count) = events[2] else {
      Issue.record("expected data, got \(events[2])")
      return
    }
    #expect(offset == 3 && count == 1)
  }

  @Test func recycledStorageIsEmptyButKeepsItsCapacity() {
    var queue = HTTP2EventQueue()
    [UInt8](repeating: 1, count: 5000).withUnsafeBytes { queue.appendData(streamID: 1, $0) }
    let (events, bytes) = queue.take()
    queue.recycle(events: events, bytes: bytes)
    #expect(queue.isEmpty)
    [UInt8]([7]).withUnsafeBytes { queue.appendData(streamID: 5, $0) }
    let (_, again) = queue.take()
    #expect(again == [7])
    #expect(again.capacity >= 5000)
  }

  @Test func releasedStorageKeepsNothing() {
    var queue = HTTP2EventQueue()
    [UInt8](repeating: 1, count: 5000).withUnsafeBytes { queue.appendData(streamID: 1, $0) }
    let (events, bytes) = queue.take()
    queue.recycle(events: events, bytes: bytes)
    #expect(queue.storeCapacity >= 5000)
    queue.releaseCapacity()
    #expect(queue.storeCapacity == 0)
    [UInt8]([7]).withUnsafeBytes { queue.appendData(streamID: 5, $0) }
    #expect(queue.take().bytes == [7])
  }
}
