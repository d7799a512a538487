import ArgumentParsing
import Glibc
import Testing

@Suite struct TerminalWidthTests {
  @Test func aPipeIsNotATerminal() throws {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    defer {
      close(fds[0])
      close(fds[1])
    }
    #expect(TerminalWidth.of(descriptor: fds[1]) == TerminalWidth.fallback)
    #expect(TerminalWidth.fallback == 80)
  }
}
