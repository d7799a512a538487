import RouteGuideProtocol
import Testing

@Suite struct MessageDeframerTests {
  static let messages: [[UInt8]] = [[], [1], [2, 3, 4], [UInt8](repeating: 5, count: 300), [6]]

  static var stream: [UInt8] {
    var buffer: [UInt8] = []
    for message in messages { GRPCFraming.appendFrame(payload: message, to: &buffer) }
    return buffer
  }

  func drain(_ deframer: inout MessageDeframer) throws(GRPCStatus) -> [[UInt8]] {
    var out: [[UInt8]] = []
    while let message = try deframer.next() { out.append(message) }
    return out
  }

  @Test func wholeStreamAtOnce() throws {
    var deframer = MessageDeframer(maxMessageSize: 1024)
    deframer.append(Self.stream)
    #expect(try drain(&deframer) == Self.messages)
    #expect(!deframer.hasPartialMessage)
  }

  @Test func everySplitPoint() throws {
    let stream = Self.stream
    for first in 0...stream.count {
      for second in stride(from: first, through: stream.count, by: 37) {
        var deframer = MessageDeframer(maxMessageSize: 1024)
        var got: [[UInt8]] = []
        for range in [0..<first, first..<second, second..<stream.count] {
          deframer.append(Array(stream[range]))
          got += try drain(&deframer)
        }
        #expect(got == Self.messages, "split at \(first), \(second)")
        #expect(!deframer.hasPartialMessage)
      }
    }
  }

  @Test func byteByByte() throws {
    var deframer = MessageDeframer(maxMessageSize: 1024)
    var got: [[UInt8]] = []
    for byte in Self.stream {
      deframer.append([byte])
      got += try drain(&deframer)
    }
    #expect(got == Self.messages)
  }

  @Test func reportsPartialMessages() throws {
    var deframer = MessageDeframer(maxMessageSize: 10)
    #expect(!deframer.hasPartialMessage)
    deframer.append([0, 0, 0])
    #expect(deframer.hasPartialMessage)
    deframer.append([0, 2, 7])
    #expect(try deframer.next() == nil)
    #expect(deframer.hasPartialMessage)
    deframer.append([8])
    #expect(try deframer.next() == [7, 8])
    #expect(!deframer.hasPartialMessage)
  }

  @Test func oversizedMessageFailsFromItsPrefixAlone() throws {
    var deframer = MessageDeframer(maxMessageSize: 4)
    deframer.append([0, 0, 0, 0, 1, 9, 0, 0, 0, 0, 5])
    #expect(try deframer.next() == [9])
    #expect(throws: GRPCStatus(.resourceExhausted, "received message larger than max (5 vs. 4)")) {
      try deframer.next()
    }
    // Later bytes are dropped, and the failure stays.
    deframer.append([UInt8](repeating: 1, count: 100))
    #expect(throws: GRPCStatus.self) { try deframer.next() }
  }

  @Test func hugeDeclaredLengthNeedsNoPayload() {
    var deframer = MessageDeframer(maxMessageSize: 4 << 20)
    deframer.append([0, 0xFF, 0xFF, 0xFF, 0xFF])
    #expect {
      try deframer.next()
    } throws: { error in
      (error as? GRPCStatus)?.code == .resourceExhausted
        && (error as? GRPCStatus)?.message.contains("(4294967295 vs. 4194304)") == true
    }
  }

  @Test func compressedFlagWithoutEncodingIsInternal() {
    var deframer = MessageDeframer(maxMessageSize: 100)
    deframer.append([1, 0, 0, 0, 1, 0])
    #expect {
      try deframer.next()
    } throws: { error in
      (error as? GRPCStatus)?.code == .internal
        && (error as? GRPCStatus)?.message.contains("no grpc-encoding was negotiated") == true
    }
  }

  @Test(arguments: [2, 0x80, 0xFF] as [UInt8])
  func otherFlagValuesAreInternal(flag: UInt8) {
    var deframer = MessageDeframer(maxMessageSize: 100)
    deframer.append([flag, 0, 0, 0, 0])
    #expect(throws: GRPCStatus(.internal, "invalid compressed flag \(flag) in gRPC message prefix"))
    {
      try deframer.next()
    }
  }

  @Test func nextMessageLendsThePayloadWithoutCopying() throws {
    var deframer = MessageDeframer(maxMessageSize: 100)
    var stream: [UInt8] = []
    GRPCFraming.appendFrame(of: Point(latitude: 4, longitude: -4), to: &stream)
    deframer.append(stream)
    let point = try deframer.nextMessage { try? Point(protobuf: $0) }
    #expect(point == Point(latitude: 4, longitude: -4))
    #expect(try deframer.nextMessage { $0.count } == nil)
  }

  @Test func bufferDoesNotGrowAcrossManyMessages() throws {
    var deframer = MessageDeframer(maxMessageSize: 100)
    var frame: [UInt8] = []
    GRPCFraming.appendFrame(payload: [1, 2, 3, 4, 5, 6, 7], to: &frame)
    for _ in 0..<10_000 {
      // Straddle chunk boundaries so a partial frame is always carried over.
      deframer.append(Array(frame.prefix(9)))
      _ = try drain(&deframer)
      deframer.append(Array(frame.dropFirst(9)))
      #expect(try drain(&deframer) == [[1, 2, 3, 4, 5, 6, 7]])
    }
    #expect(!deframer.hasPartialMessage)
  }
}
