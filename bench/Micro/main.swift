// rg-microbench: the client's hot paths without the network, in messages/s and MB/s.
//
//   swift build -c release --static-swift-stdlib -Xswiftc -wmo --product rg-microbench
//   .build/release/rg-microbench [MESSAGES]        (default 1,000,000; `make microbench`)
//
// 1. request:  NDJSON Points -> MessageReader<Point> -> gRPC frames (what `rg record` does
//              between read() and nghttp2), fed in 256 KiB chunks as InputReader reads them.
// 2. response: gRPC frames of Features -> MessageDeframer -> Feature -> NDJSON (what `rg list`
//              does between nghttp2 and write()), fed in 16 KiB DATA-frame-sized chunks; once
//              with the copy per message that ClientCall makes today (`next()`), once without
//              (`nextMessage`).
// 3. compression: the same with gzip and deflate, in ns per message (Compression.swift), on a
//    tenth as many messages.
// Each is run 5 times; the best run is printed, with the goal it must reach on one core.
import Glibc
import RouteGuideProtocol

/// Monotonic seconds.
func now() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_MONOTONIC, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Runs `body` five times and returns the fastest time; `body` returns a checksum that is
/// printed, so the optimiser cannot drop the work.
func best(_ body: () -> Int) -> (seconds: Double, checksum: Int) {
  var fastest = Double.infinity
  var checksum = 0
  for _ in 0..<5 {
    let start = now()
    checksum = body()
    fastest = min(fastest, now() - start)
  }
  return (fastest, checksum)
}

func report(_ name: String, count: Int, bytes: Int, seconds: Double, goal: Double, _ sum: Int) {
  let rate = Double(count) / seconds
  let megabytes = Double(bytes) / seconds / 1e6
  let verdict = rate >= goal ? "met" : "MISSED"
  let line =
    "\(name): \(Int(rate)) messages/s, \(Int(megabytes)) MB/s "
    + "(goal \(Int(goal))/s: \(verdict); checksum \(sum))"
  print(line)
}

/// Deterministic points in the generator's area (a linear congruential sequence).
func points(_ count: Int) -> [Point] {
  var state: UInt64 = 1
  func next(_ range: Int32) -> Int32 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int32(truncatingIfNeeded: (state >> 33) % UInt64(range))
  }
  return (0..<count).map { _ in
    Point(latitude: 400_000_000 + next(20_000_000), longitude: -750_000_000 + next(20_000_000))
  }
}

func requestPath(_ count: Int) {
  var ndjson: [UInt8] = []
  for point in points(count) { point.appendJSONLine(to: &ndjson, options: JSONMappingOptions()) }
  let chunk = 256 * 1024
  let (seconds, sum) = best {
    var reader = MessageReader<Point>()
    var frames: [UInt8] = []
    frames.reserveCapacity(1 << 20)
    var sent = 0
    var messages = 0
    var offset = 0
    while true {
      do {
        while let point = try reader.next() {
          GRPCFraming.appendFrame(of: point, to: &frames)
          messages += 1
          // The call's request buffer is drained by nghttp2 at about this size.
          if frames.count >= 1 << 20 {
            sent += frames.count
            frames.removeAll(keepingCapacity: true)
          }
        }
      } catch {
        fatalError("bad benchmark input: \(error)")
      }
      guard offset < ndjson.count else { break }
      let end = min(offset + chunk, ndjson.count)
      ndjson.withUnsafeBytes { reader.feed(UnsafeRawBufferPointer(rebasing: $0[offset..<end])) }
      offset = end
      if offset == ndjson.count { reader.finish() }
    }
    precondition(messages == count, "parsed \(messages) of \(count) points")
    return sent + frames.count
  }
  report(
    "JSON -> Point -> frames", count: count, bytes: ndjson.count, seconds: seconds,
    goal: 3_000_000, sum)
}

func responseFrames(_ count: Int) -> [UInt8] {
  let streets = ["Maple Drive", "Lake Road", "Oak Street", "Ridge Trail", "Union Way"]
  var frames: [UInt8] = []
  for (index, point) in points(count).enumerated() {
    let name = "\(index % 997) \(streets[index % streets.count]), Whippany, NJ 07981, USA"
    GRPCFraming.appendFrame(of: Feature(name: name, location: point), to: &frames)
  }
  return frames
}

func responsePath(_ count: Int, copying: Bool) {
  let frames = responseFrames(count)
  let chunk = 16 * 1024
  let (seconds, sum) = best {
    var deframer = MessageDeframer(maxMessageSize: 4 << 20)
    var output: [UInt8] = []
    output.reserveCapacity(128 * 1024)
    var written = 0
    var messages = 0
    let options = JSONMappingOptions()
    func emit(_ feature: Feature) {
      feature.appendJSONLine(to: &output, options: options)
      messages += 1
      // OutputSink writes 64 KiB at a time.
      if output.count >= 64 * 1024 {
        written += output.count
        output.removeAll(keepingCapacity: true)
      }
    }
    var offset = 0
    while offset < frames.count {
      let end = min(offset + chunk, frames.count)
      frames.withUnsafeBytes { deframer.append(UnsafeRawBufferPointer(rebasing: $0[offset..<end])) }
      offset = end
      do {
        if copying {
          while let payload = try deframer.next() { emit(try Feature(protobuf: payload)) }
        } else {
          while let feature = try deframer.nextMessage({ try? Feature(protobuf: $0) }) {
            emit(feature ?? Feature())
          }
        }
      } catch {
        fatalError("bad benchmark frames: \(error)")
      }
    }
    precondition(messages == count, "decoded \(messages) of \(count) features")
    return written + output.count
  }
  report(
    "frames -> Feature -> NDJSON (\(copying ? "copy per message, as ClientCall" : "no copy"))",
    count: count, bytes: frames.count, seconds: seconds, goal: 2_000_000, sum)
}

let arguments = CommandLine.arguments
let count = arguments.count > 1 ? Int(arguments[1]) ?? 1_000_000 : 1_000_000
print("rg-microbench: \(count) messages per run, best of 5, one core")
requestPath(count)
responsePath(count, copying: true)
responsePath(count, copying: false)
compressionPaths(count)
