import RouteGuideProtocol
import Testing

@Suite struct GRPCMessageCodingTests {
  @Test(arguments: [
    ("", ""), ("plain text: ok!", "plain text: ok!"), ("100%", "100%25"),
    ("line\nbreak\t", "line%0Abreak%09"), ("é", "%C3%A9"), ("🚀 x", "%F0%9F%9A%80 x"),
    ("\u{7F}~ ", "%7F~ "),
  ])
  func encodes(message: String, header: String) {
    #expect(GRPCMessageCoding.percentEncode(message) == header)
    #expect(GRPCMessageCoding.percentDecode(header) == message)
  }

  @Test func decodesLowerCaseHex() {
    #expect(GRPCMessageCoding.percentDecode("%c3%a9") == "é")
  }

  @Test(arguments: [
    ("%", "%"), ("%4", "%4"), ("%zz", "%zz"), ("50% off", "50% off"), ("a%2", "a%2"),
    ("%%41", "%A"), ("%FF", "\u{FFFD}"), ("%C3", "\u{FFFD}"), ("%C3%28", "\u{FFFD}("),
  ])
  func decodesLeniently(header: String, message: String) {
    #expect(GRPCMessageCoding.percentDecode(header) == message)
  }

  @Test func encodingIsPrintableASCIIAndRoundTrips() {
    var generator = SplitMix64(seed: 11)
    let alphabet: [Character] = ["a", "%", " ", "\n", "é", "東", "🚀", "\u{0}", "~", "\u{7F}"]
    for _ in 0..<2000 {
      let message = String(
        (0..<Int.random(in: 0...12, using: &generator)).map { _ in
          alphabet.randomElement(using: &generator) ?? "a"
        })
      let header = GRPCMessageCoding.percentEncode(message)
      #expect(header.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E })
      #expect(GRPCMessageCoding.percentDecode(header) == message)
    }
  }
}
