// 3. compression: what gzip and deflate cost per message on the paths above, and what they save
//    (RouteGuide's messages are small, and gRPC compresses each on its own).
import RouteGuideCompression
import RouteGuideProtocol

/// Prints the cost per message and the share of messages that shrank (and so went compressed).
func reportCost(
  _ name: String, count: Int, seconds: Double, plainBytes: Int, wireBytes: Int, compressed: Int
) {
  let nanoseconds = seconds / Double(count) * 1e9
  let share = Double(compressed) / Double(count) * 100
  let ratio = Double(wireBytes) / Double(plainBytes) * 100
  print(
    "\(name): \(Int(nanoseconds)) ns/message, \(Int(share))% compressed, "
      + "\(Int(ratio))% of the plain frames' bytes")
}

/// Frames `messages` with `codec` (as ClientCall and ServerCall do), counting what shrank.
func compressionPath<M: ProtobufMessage>(_ name: String, _ messages: [M], _ codec: any MessageCodec)
{
  var plain: [UInt8] = []
  for message in messages { GRPCFraming.appendFrame(of: message, to: &plain) }
  var wire = 0
  var compressed = 0
  let (seconds, _) = best {
    var frames: [UInt8] = []
    frames.reserveCapacity(1 << 20)
    wire = 0
    compressed = 0
    for message in messages {
      let start = frames.count
      GRPCFraming.appendFrame(of: message, compressingWith: codec, to: &frames)
      if frames[start] == 1 { compressed += 1 }
      if frames.count >= 1 << 20 {
        wire += frames.count
        frames.removeAll(keepingCapacity: true)
      }
    }
    wire += frames.count
    return wire
  }
  reportCost(
    "\(name) -> \(codec.name) frames", count: messages.count, seconds: seconds,
    plainBytes: plain.count, wireBytes: wire, compressed: compressed)
}

/// Inflates compressed frames of `messages` through the deframer (what `rg list` does with a
/// compressing server's answers) and decodes them.
func inflationPath(_ name: String, _ features: [Feature], _ codec: any MessageCodec) {
  var frames: [UInt8] = []
  var compressed = 0
  for feature in features {
    let start = frames.count
    GRPCFraming.appendFrame(of: feature, compressingWith: codec, to: &frames)
    if frames[start] == 1 { compressed += 1 }
  }
  var plain: [UInt8] = []
  for feature in features { GRPCFraming.appendFrame(of: feature, to: &plain) }
  let (seconds, _) = best {
    var deframer = MessageDeframer(maxMessageSize: 4 << 20)
    deframer.encoding = .compressed(codec)
    var names = 0
    var offset = 0
    while offset < frames.count {
      let end = min(offset + 16 * 1024, frames.count)
      frames.withUnsafeBytes { deframer.append(UnsafeRawBufferPointer(rebasing: $0[offset..<end])) }
      offset = end
      do {
        while let payload = try deframer.next() {
          names += try Feature(protobuf: payload).name.utf8.count
        }
      } catch {
        fatalError("bad benchmark frames: \(error)")
      }
    }
    return names
  }
  reportCost(
    "\(codec.name) frames -> \(name)", count: features.count, seconds: seconds,
    plainBytes: plain.count, wireBytes: frames.count, compressed: compressed)
}

func compressionPaths(_ count: Int) {
  let gzip = ZlibCodec(.gzip)
  let deflate = ZlibCodec(.zlib)
  let sample = points(count / 10)
  let streets = ["Maple Drive", "Lake Road", "Oak Street", "Ridge Trail", "Union Way"]
  let features = sample.enumerated().map { index, point in
    Feature(
      name: "\(index % 997) \(streets[index % streets.count]), Whippany, NJ 07981, USA",
      location: point)
  }
  // grpcio's interop padding (x-pad: 300): names that do compress.
  let padded = features.map {
    Feature(name: $0.name + String(repeating: "x", count: 300), location: $0.location)
  }
  compressionPath("Point (12 B)", sample, gzip)
  compressionPath("Point (12 B)", sample, deflate)
  compressionPath("Feature (~55 B)", features, gzip)
  compressionPath("Feature (~55 B)", features, deflate)
  compressionPath("Feature (~355 B)", padded, gzip)
  inflationPath("Feature (~355 B)", padded, gzip)
}
