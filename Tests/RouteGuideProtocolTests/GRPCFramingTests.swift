import RouteGuideProtocol
import Testing

@Suite struct GRPCFramingTests {
  @Test func framesAPayloadBehindAFiveBytePrefix() {
    var buffer: [UInt8] = [0xEE]
    GRPCFraming.appendFrame(payload: [1, 2, 3], to: &buffer)
    #expect(buffer == [0xEE, 0, 0, 0, 0, 3, 1, 2, 3])
    GRPCFraming.appendFrame(payload: [], to: &buffer)
    #expect(buffer.suffix(5) == [0, 0, 0, 0, 0])
  }

  @Test func lengthIsBigEndian() {
    var buffer: [UInt8] = []
    let payload = [UInt8](repeating: 7, count: 0x01_02_03)
    payload.withUnsafeBytes { GRPCFraming.appendFrame(payload: $0, to: &buffer) }
    #expect(buffer.prefix(5) == [0, 0, 0x01, 0x02, 0x03])
    #expect(buffer.count == 5 + payload.count)
  }

  @Test func framesMessagesInPlace() {
    var buffer: [UInt8] = [9, 9]
    let feature = Feature(name: "x", location: Point(latitude: 1))
    GRPCFraming.appendFrame(of: feature, to: &buffer)
    GRPCFraming.appendFrame(of: Point(), to: &buffer)
    let encoded = feature.protobufBytes()
    #expect(buffer == [9, 9, 0, 0, 0, 0, UInt8(encoded.count)] + encoded + [0, 0, 0, 0, 0])
  }

  @Test func framesLargeMessages() {
    var buffer: [UInt8] = []
    let note = RouteNote(message: String(repeating: "m", count: 70_000))
    GRPCFraming.appendFrame(of: note, to: &buffer)
    let encoded = note.protobufBytes()
    #expect(buffer.count == 5 + encoded.count)
    #expect(buffer.prefix(5) == [0, 0, 0x01, 0x11, 0x74])
    #expect(Array(buffer.dropFirst(5)) == encoded)
  }

  @Test func keepsTheBuffersStorageWhenItHasRoom() {
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1024)
    let before = buffer.withUnsafeBufferPointer { $0.baseAddress }
    for latitude in 1...20 {
      GRPCFraming.appendFrame(of: Point(latitude: Int32(latitude), longitude: -1), to: &buffer)
    }
    #expect(buffer.withUnsafeBufferPointer { $0.baseAddress } == before)
  }
}
