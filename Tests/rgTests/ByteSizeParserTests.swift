import Testing

@testable import rg

@Suite struct ByteSizeParserTests {
  @Test(
    arguments: [
      ("4194304", 4_194_304), ("512K", 524_288), ("4M", 4_194_304), ("1G", 1_073_741_824),
      ("4m", 4_194_304), ("4MB", 4_194_304), ("4MiB", 4_194_304), ("100B", 100), ("1", 1),
      ("3G", 3 << 30),
    ] as [(String, Int)])
  func acceptsBytesAndBinarySuffixes(text: String, bytes: Int) throws {
    #expect(try ByteSizeParser.parse(text) == bytes)
  }

  @Test(arguments: [
    ("0", "a size must be greater than 0"),
    ("0M", "a size must be greater than 0"),
    ("-1", "a size cannot be negative"),
    ("", "a size cannot be empty"),
    ("M", "expected a number of bytes, optionally with K, M or G (like 4M)"),
    ("4T", "unknown unit 'T' (use K, M or G)"),
    ("1.5M", "a size must be a whole number"),
    ("4G", "a size must be at most 4294967295 bytes (4G - 1)"),
    ("99999999999999999999", "a size must be at most 4294967295 bytes (4G - 1)"),
  ])
  func rejectsWithTheReason(text: String, reason: String) {
    #expect(throws: OptionValueError(reason)) { try ByteSizeParser.parse(text) }
  }
}
