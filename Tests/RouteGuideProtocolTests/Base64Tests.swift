import RouteGuideProtocol
import Testing

@Suite struct Base64Tests {
  @Test(arguments: [
    ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
    ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
  ])
  func rfc4648Vectors(text: String, encoded: String) {
    #expect(Base64.encode(Array(text.utf8)) == encoded)
    #expect(Base64.decode(encoded) == Array(text.utf8))
  }

  @Test func usesTheStandardAlphabet() {
    #expect(Base64.encode([0xFB, 0xFF, 0xBF]) == "+/+/")
    #expect(Base64.decode("+/+/") == [0xFB, 0xFF, 0xBF])
    #expect(Base64.decode("-_-_") == nil)
  }

  @Test func acceptsUnpaddedInput() {
    #expect(Base64.decode("Zg") == [0x66])
    #expect(Base64.decode("Zm8") == [0x66, 0x6F])
    #expect(Base64.decode("Zm9vYg") == Array("foob".utf8))
  }

  @Test(arguments: [
    "Z", "Zg=", "Zg===", "Z===", "====", "Zm9v=", "Zg==Zg==", "Zm 9v", "Zm9\n", "Zé==",
  ])
  func refusesMalformedInput(text: String) {
    #expect(Base64.decode(text) == nil)
  }

  @Test func roundTripsEveryLength() {
    var generator = SplitMix64(seed: 3)
    for count in 0..<200 {
      let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
      let encoded = Base64.encode(bytes)
      #expect(encoded.utf8.count == (count + 2) / 3 * 4)
      #expect(Base64.decode(encoded) == bytes)
      let unpadded = String(encoded.prefix { $0 != "=" })
      #expect(Base64.decode(unpadded) == bytes)
    }
  }
}
