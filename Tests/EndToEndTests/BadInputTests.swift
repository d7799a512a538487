import Foundation
import TestSupport
import Testing

/// Input that does not parse or does not fit: exit 3, `rg: stdin:LINE:COLUMN: why` as the one
/// stderr line, and nothing half-sent — the peer never sees a request end (END_STREAM) that
/// carried a bad value.
@Suite(.timeLimit(.minutes(2))) struct BadInputTests {
  init() {
    // rg stops reading at the first bad value: the rest of the input must not kill the tests.
    signal(SIGPIPE, SIG_IGN)
  }

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var command: String
    var input: [UInt8]
    /// The whole stderr line after `rg: stdin:`.
    var error: String
    var testDescription: String { "\(name) (\(command))" }

    init(_ name: String, _ command: String, _ input: String, _ error: String) {
      self.init(name, command, Array(input.utf8), error)
    }

    init(_ name: String, _ command: String, _ input: [UInt8], _ error: String) {
      self.name = name
      self.command = command
      self.input = input
      self.error = error
    }
  }

  static let cases: [Case] = [
    Case("truncated", "get", #"{"latitude":1"#, "1:14: unexpected end of input inside an object"),
    Case("truncated string", "chat", #"{"message":"ab"#, "1:12: unterminated string"),
    Case(
      "garbage after a member", "record", #"{"latitude":1 x}"#,
      "1:15: expected ',' or '}' after an object member, got 'x'"),
    Case(
      "string for int32", "get", #"{"latitude":"abc"}"#,
      #"1:13: latitude: "abc" is not a valid int32"#),
    Case(
      "boolean for int32", "record", #"{"longitude":true}"#,
      "1:14: longitude: expected an int32 (a number or a numeric string), got a boolean"),
    Case(
      "array for message", "get", "[1,2]",
      "1:1: expected a JSON object for routeguide.Point, got an array"),
    Case(
      "number for message field", "chat", #"{"location":5}"#,
      "1:13: location: expected a JSON object for routeguide.Point, got a number"),
    Case(
      "number for string", "chat", #"{"message":7}"#,
      "1:12: message: expected a string, got a number"),
    Case(
      "int32 overflow", "get", #"{"latitude":2147483648}"#,
      "1:13: latitude: 2147483648 is out of range for int32"),
    Case(
      "int32 underflow", "record", #"{"latitude":-2147483649}"#,
      "1:13: latitude: -2147483649 is out of range for int32"),
    Case(
      "int32 overflow as string", "get", #"{"latitude":"2147483648"}"#,
      #"1:13: latitude: "2147483648" is out of range for int32"#),
    Case("fraction", "get", #"{"latitude":1.5}"#, "1:13: latitude: 1.5 is not an integer"),
    Case(
      "exponent fraction", "record", #"{"latitude":1e-1}"#, "1:13: latitude: 1e-1 is not an integer"
    ),
    Case(
      "invalid UTF-8 in a value", "chat",
      Array(#"{"message":""#.utf8) + [0xFF] + Array(#""}"#.utf8),
      "1:13: invalid UTF-8 in a string: byte 0xFF"),
    Case(
      "invalid UTF-8 in a key", "chat",
      Array(#"{"mess"#.utf8) + [0xC3, 0x28] + Array(#"":1}"#.utf8),
      "1:7: invalid UTF-8 in a string: byte 0xC3"),
    Case(
      "lone high surrogate", "chat", #"{"message":"\ud800"}"#, #"1:13: unpaired surrogate \uD800"#),
    Case(
      "lone low surrogate", "chat", #"{"message":"x\udc00"}"#, #"1:14: unpaired surrogate \uDC00"#),
    Case("unknown field", "get", #"{"lat":1}"#, #"1:2: unknown field "lat" in routeguide.Point"#),
    Case(
      "bad value on a later line", "get", "\n\n  {\"latitude\":\n 1.25}",
      "4:2: latitude: 1.25 is not an integer"),
    Case(
      "deeply nested arrays", "record", String(repeating: "[", count: 1_000_000),
      "1:65: nesting is deeper than 64 levels"),
    Case(
      "deeply nested objects", "chat", String(repeating: #"{"a":"#, count: 100_000),
      "1:321: nesting is deeper than 64 levels"),
  ]

  @Test(arguments: cases)
  func badInputIsExitThreeAndNothingIsSent(_ bad: Case) throws {
    let peer = try FaultPeer("never-answer")
    let rg = try Subprocess.run(
      RepoPaths.rgBinary, [bad.command, "--plaintext", peer.address], stdin: bad.input,
      timeout: 20)
    #expect(rg.status == 3, "\(rg.summary)")
    #expect(rg.stderrText == "rg: stdin:\(bad.error)\n")
    #expect(rg.stdoutText == "")
    Self.expectNothingHalfSent(peer)
  }

  /// No request that the peer saw ended normally; every stream that was opened was reset.
  static func expectNothingHalfSent(
    _ peer: FaultPeer, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let events = peer.eventsAfterClose()
    #expect(!events.contains { $0.event == "end" }, "\(events)", sourceLocation: sourceLocation)
    for opened in events where opened.event == "headers" {
      #expect(
        events.contains { $0.event == "reset" && $0.stream == opened.stream && $0.code == 8 },
        "stream \(opened.stream ?? -1) was not reset: \(events)", sourceLocation: sourceLocation)
    }
  }

  /// Good values before the bad one are answered; the bad one is reported where it is.
  @Test func trailingGarbageAfterAGoodValue() throws {
    let server = try ServerProcess.rgServe()
    let rg = try ClientRun.rg(
      ["get", "--plaintext", server.address], stdin: #"{"latitude":1} xyz"#)
    #expect(rg.status == 3, "\(rg.summary)")
    #expect(rg.stdoutText == #"{"location":{"latitude":1}}"# + "\n")
    #expect(
      rg.stderrText == #"rg: stdin:1:16: invalid literal "xyz" (expected true, false or null)"#
        + "\n")
  }

  /// One 100 MiB line: refused once it passes 16 MiB, with rg's memory bounded, never sent.
  @Test func hundredMebibyteLineIsRefusedInBoundedMemory() async throws {
    let peer = try FaultPeer("never-answer")
    let (rg, peak) = try await FaultRun.measured(
      #"{ printf '{"message":"'; head -c 104857600 /dev/zero | tr '\0' a; printf '"}\n'; }"#
        + " | $RG chat --plaintext \(peer.address)", timeout: 60)
    #expect(rg.status == 3, "\(rg.summary)")
    #expect(
      rg.stderrText
        == "rg: stdin:1:1: a value longer than 16777216 bytes is too big for a message\n")
    #expect(!TestedBinary.hasMemoryBounds || (peak > 0 && peak < 64 << 10), "peak RSS \(peak) KiB")
    Self.expectNothingHalfSent(peer)
  }

  /// Random bytes (a fixed seed, so a failure can be reproduced) are bad input, not a crash.
  @Test(arguments: [1, 2, 3, 4, 5])
  func binaryNoiseIsBadInput(_ seed: UInt64) throws {
    var state = seed &* 0x9E37_79B9_7F4A_7C15
    let noise = (0..<65536).map { _ -> UInt8 in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: state >> 56)
    }
    let peer = try FaultPeer("never-answer")
    let rg = try Subprocess.run(
      RepoPaths.rgBinary, ["record", "--plaintext", peer.address], stdin: noise, timeout: 20)
    #expect(rg.status == 3, "\(rg.summary)")
    #expect(
      rg.stderrText.wholeMatch(of: /rg: stdin:[0-9]+:[0-9]+: [^\n]+\n/) != nil, "\(rg.stderrText)")
    Self.expectNothingHalfSent(peer)
  }
}
