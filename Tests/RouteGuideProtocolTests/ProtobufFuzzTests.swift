import RouteGuideProtocol
import Testing

/// Every truncation and many random mutations of valid encodings decode or throw: never trap.
@Suite struct ProtobufFuzzTests {
  static let samples: [[UInt8]] = [
    Feature(name: "Berkshire Valley 🚀", location: Point(latitude: .min, longitude: -1))
      .protobufBytes(),
    Rectangle(lo: Point(latitude: 1, longitude: .max), hi: Point()).protobufBytes(),
    RouteNote(location: Point(latitude: -5), message: String(repeating: "é", count: 80))
      .protobufBytes(),
    RouteSummary(pointCount: 1, featureCount: -2, distance: .max, elapsedTime: .min)
      .protobufBytes(),
  ]

  /// Decodes `bytes` as every message type; returns how many accepted them.
  @discardableResult
  static func decodeAsEveryType(_ bytes: [UInt8]) -> Int {
    var accepted = 0
    if (try? Point(protobuf: bytes)) != nil { accepted += 1 }
    if (try? Rectangle(protobuf: bytes)) != nil { accepted += 1 }
    if (try? Feature(protobuf: bytes)) != nil { accepted += 1 }
    if (try? RouteNote(protobuf: bytes)) != nil { accepted += 1 }
    if (try? RouteSummary(protobuf: bytes)) != nil { accepted += 1 }
    return accepted
  }

  @Test func everyTruncation() {
    for sample in Self.samples {
      #expect(Self.decodeAsEveryType(sample) >= 1)
      for length in 0..<sample.count {
        Self.decodeAsEveryType(Array(sample.prefix(length)))
      }
    }
  }

  @Test func randomMutations() {
    var generator = SplitMix64(seed: 0x5EED)
    var accepted = 0
    var tried = 0
    for sample in Self.samples {
      for _ in 0..<3000 {
        var bytes = sample
        for _ in 0...Int.random(in: 0...2, using: &generator) {
          mutate(&bytes, using: &generator)
        }
        accepted += Self.decodeAsEveryType(bytes)
        tried += 5
      }
    }
    // Both verdicts must occur, or the mutations are not exercising the decoder.
    #expect(accepted > 0)
    #expect(accepted < tried)
  }

  @Test func randomBytes() {
    var generator = SplitMix64(seed: 42)
    var accepted = 0
    for _ in 0..<5000 {
      let count = Int.random(in: 0...24, using: &generator)
      accepted += Self.decodeAsEveryType(
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
    #expect(accepted > 0)
  }

  func mutate(_ bytes: inout [UInt8], using generator: inout SplitMix64) {
    let position = Int.random(in: 0...bytes.count, using: &generator)
    let interesting: [UInt8] = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x0A, 0x12, 0x08, 0x0B, 0x0F]
    switch Int.random(in: 0..<4, using: &generator) {
    case 0 where position < bytes.count:
      bytes[position] = UInt8.random(in: 0...255, using: &generator)
    case 1: bytes.insert(interesting.randomElement(using: &generator) ?? 0, at: position)
    case 2 where position < bytes.count: bytes.remove(at: position)
    default:
      if position < bytes.count {
        bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
      }
    }
  }
}

/// A small seeded generator, so a failing mutation can be reproduced.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
