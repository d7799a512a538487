import ArgumentParsing
import Testing

@Suite struct ArgumentWordTests {
  @Test func keepsTheBytesAndRepairsOnlyTheText() {
    let word = ArgumentWord(bytes: [0x61, 0xFF, 0x62])
    #expect(word.bytes == [0x61, 0xFF, 0x62])
    #expect(word.text == "a\u{FFFD}b")
    #expect(ArgumentWord("é").bytes == [0xC3, 0xA9])
    let literal: ArgumentWord = "x"
    #expect(literal == ArgumentWord(bytes: [0x78]))
  }

  @Test(
    arguments: [
      ([0x61, 0xFF], 2, 0xFF), ([0xC3, 0x28], 1, 0xC3), ([0x61, 0xC0, 0xAF], 2, 0xC0),
      ([0xED, 0xA0, 0x80], 1, 0xED), ([0xF4, 0x90, 0x80, 0x80], 1, 0xF4), ([0xE2, 0x82], 1, 0xE2),
      ([0xC3, 0xA9, 0x80], 3, 0x80),
    ] as [([UInt8], Int, UInt8)])
  func findsTheFirstInvalidByte(bytes: [UInt8], position: Int, byte: UInt8) {
    let found = ArgumentWord(bytes: bytes).invalidByte
    #expect(found?.position == position)
    #expect(found?.byte == byte)
  }

  @Test func validUTF8HasNoInvalidByte() {
    for text in ["", "plain", "é 日本 🎉", "\u{FEFF}{}"] {
      #expect(ArgumentWord(text).invalidByte == nil, "\(text)")
      #expect(ArgumentWord(text).notUTF8Reason == nil)
      #expect(ArgumentWord(text).shown == text)
    }
  }

  @Test func showsInvalidBytesEscaped() {
    let word = ArgumentWord(bytes: [0x61, 0xFF, 0xC3, 0xA9, 0x0F, 0xC3, 0x28])
    #expect(word.shown == "a\\xFFé\u{0F}\\xC3(")
    #expect(word.notUTF8Reason == "byte 0xFF at position 2 is not UTF-8")
    #expect(ArgumentWord(bytes: [0x80]).shown == "\\x80")
  }
}
