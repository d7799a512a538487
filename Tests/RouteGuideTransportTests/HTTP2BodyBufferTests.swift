import RouteGuideProtocol
import Testing

@testable import RouteGuideTransport

@Suite struct HTTP2BodyBufferTests {
  /// Reads everything in chunks of `size`, as DATA frames would take it.
  static func drain(_ buffer: inout HTTP2BodyBuffer, chunk size: Int) -> [UInt8] {
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: size)
    while true {
      let count = chunk.withUnsafeMutableBytes { buffer.read(into: $0) }
      if count == 0 { return out }
      out += chunk[..<count]
    }
  }

  static func framed(_ payloads: [[UInt8]]) -> [UInt8] {
    var bytes: [UInt8] = []
    for payload in payloads { GRPCFraming.appendFrame(payload: payload, to: &bytes) }
    return bytes
  }

  @Test func packsMessagesIntoChunksThatNeedNotAlign() {
    var buffer = HTTP2BodyBuffer()
    let payloads = (0..<100).map { [UInt8](repeating: UInt8($0), count: $0 % 7) }
    for payload in payloads { buffer.append(RawMessage(payload)) }
    #expect(buffer.count == Self.framed(payloads).count)
    #expect(Self.drain(&buffer, chunk: 13) == Self.framed(payloads))
    #expect(buffer.count == 0)
  }

  @Test func rewindReplaysWhatWasReadWhileReplayable() {
    var buffer = HTTP2BodyBuffer(replayLimit: 100)
    buffer.append(RawMessage([1, 2, 3]))
    let first = Self.drain(&buffer, chunk: 4)
    let rewound = buffer.rewind()
    #expect(rewound)
    buffer.append(RawMessage([4]))
    #expect(Self.drain(&buffer, chunk: 64) == first + Self.framed([[4]]))
  }

  @Test func replayStopsPastTheLimitAndAfterEndReplay() {
    var large = HTTP2BodyBuffer(replayLimit: 10)
    large.append(RawMessage(count: 20))
    _ = Self.drain(&large, chunk: 64)
    let largeRewound = large.rewind()
    #expect(!largeRewound)
    var ended = HTTP2BodyBuffer(replayLimit: 100)
    ended.append(RawMessage([1]))
    _ = Self.drain(&ended, chunk: 64)
    ended.endReplay()
    let endedRewound = ended.rewind()
    #expect(!endedRewound)
    #expect(ended.count == 0)
  }
}
