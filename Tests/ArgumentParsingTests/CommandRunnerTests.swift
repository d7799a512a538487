import Testing

@testable import ArgumentParsing

@Suite struct CommandRunnerTests {
  /// argv as C hands it over: each word's bytes come through unchanged, invalid UTF-8 too.
  @Test func argumentsAreTheBytesOfArgv() {
    let words: [[UInt8]] = [Array("tool".utf8), [0x2D, 0x64], [0x7B, 0xFF, 0x7D], []]
    var pointers: [UnsafeMutablePointer<CChar>?] = words.map { bytes in
      let copy = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
      for (index, byte) in bytes.enumerated() { copy[index] = CChar(bitPattern: byte) }
      copy[bytes.count] = 0
      return copy
    }
    pointers.append(nil)
    defer { for pointer in pointers { pointer?.deallocate() } }
    let arguments = pointers.withUnsafeBufferPointer { argv in
      argv.baseAddress.map { CommandRunner.arguments(argc: Int32(words.count), argv: $0) }
    }
    #expect(arguments == Array(words.dropFirst()))
    let none = pointers.withUnsafeBufferPointer { argv in
      argv.baseAddress.map { CommandRunner.arguments(argc: 1, argv: $0) }
    }
    #expect(none == [])
  }
}
