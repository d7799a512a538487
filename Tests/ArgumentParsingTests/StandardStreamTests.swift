import Glibc
import Testing

@testable import ArgumentParsing

@Suite struct StandardStreamTests {
  @Test func writesAllTheBytes() throws {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    defer { close(fds[0]) }
    let text = String(repeating: "héllo ", count: 1000)
    StandardStream.write(text, to: fds[1])
    close(fds[1])
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = read(fds[0], &buffer, buffer.count)
      guard count > 0 else { break }
      received += buffer[..<count]
    }
    #expect(received == Array(text.utf8))
  }

  @Test func aClosedReaderIsQuiet() throws {
    var fds: [Int32] = [0, 0]
    try #require(pipe(&fds) == 0)
    close(fds[0])
    signal(SIGPIPE, SIG_IGN)
    StandardStream.write("nobody reads this", to: fds[1])
    close(fds[1])
  }
}
