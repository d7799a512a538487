// The checks behind the libFuzzer targets in Tests/Fuzz, shared with FuzzCorpusTests.
//
// This file (and FuzzChecks+*.swift) lives in the test target because SwiftPM test targets only
// compile their own folder, and fuzz code has no place in Sources/. `make fuzz-build` compiles
// these same files into each fuzz executable, next to Tests/Fuzz/Fuzz<Target>.swift, so the
// fuzzers and `swift test` apply exactly the same checks to every input. Keep them free of
// Foundation and Testing: they must build with only RouteGuideProtocol and (for the inflate
// checks) RouteGuideCompression imported.
import RouteGuideProtocol

/// A broken invariant found by a fuzz check: a bug, not a rejected input.
struct FuzzFailure: Error, CustomStringConvertible {
  let description: String

  init(_ description: String) {
    self.description = description
  }
}

/// Checks that any input is either rejected with an error or round-trips exactly; a trap inside
/// the code under test is the other kind of finding.
enum FuzzChecks {
  /// The input in 1, 2 or 3 chunks (or byte by byte), split where bits 3-7 of `control` say,
  /// so that over many runs a token or frame is cut at every place.
  static func chunks(of bytes: [UInt8], control: UInt8) -> [ArraySlice<UInt8>] {
    let split = Int(control >> 3)
    let count = bytes.count
    if split == 31 { return bytes.indices.map { bytes[$0..<$0 + 1] } }
    guard split > 0 else { return [bytes[...]] }
    let first = split * count / 32
    guard split & 1 == 1 else { return [bytes[..<first], bytes[first...]] }
    let second = first + (count - first) / 2
    return [bytes[..<first], bytes[first..<second], bytes[second...]]
  }

  /// Throws when `actual` is not `expected`, naming `what` was compared.
  static func expectEqual<T: Equatable>(
    _ actual: T, _ expected: T, _ what: String
  ) throws(FuzzFailure) {
    guard actual == expected else {
      throw FuzzFailure("\(what): got \(actual), expected \(expected)")
    }
  }

  /// A message survives protobuf and JSON encoding (under several options) unchanged.
  static func roundTrip<M: JSONMessage & ProtobufMessage & Equatable>(
    _ message: M, options: JSONMappingOptions
  ) throws(FuzzFailure) {
    try protobufRoundTrip(message)
    try jsonRoundTrip(message, options: options)
    try jsonRoundTrip(message, options: JSONMappingOptions())
    try jsonRoundTrip(message, options: JSONMappingOptions(emitDefaults: true, protoNames: true))
  }

  /// Encodes, decodes and encodes again; also frames the message and deframes it.
  static func protobufRoundTrip<M: ProtobufMessage & Equatable>(_ message: M) throws(FuzzFailure) {
    let bytes = message.protobufBytes()
    let decoded: M
    do throws(ProtobufDecodingError) {
      decoded = try M(protobuf: bytes)
    } catch {
      throw FuzzFailure("\(M.self) \(message): own encoding \(bytes) does not decode: \(error)")
    }
    try expectEqual(decoded, message, "\(M.self) after a protobuf round trip")
    try expectEqual(decoded.protobufBytes(), bytes, "\(M.self) re-encoded")
    var framed: [UInt8] = [0xAA]
    GRPCFraming.appendFrame(of: message, to: &framed)
    var deframer = MessageDeframer(maxMessageSize: bytes.count)
    deframer.append(Array(framed.dropFirst()))
    let payload: [UInt8]??
    do throws(GRPCStatus) {
      payload = try deframer.next()
    } catch {
      throw FuzzFailure("\(M.self): own frame rejected: \(error)")
    }
    try expectEqual(payload, .some(bytes), "\(M.self) framed by appendFrame(of:) then deframed")
    try expectEqual(framed.first, 0xAA, "byte before the frame")
  }
}
