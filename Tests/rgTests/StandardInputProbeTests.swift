import Foundation
import Glibc
import TestSupport
import Testing

@testable import rg

@Suite struct StandardInputProbeTests {
  /// Both ends of a fresh pipe, closed when the test is done with them.
  final class Pipe {
    var read: Int32 = -1
    var write: Int32 = -1

    init() throws {
      var fds: [Int32] = [0, 0]
      guard pipe(&fds) == 0 else { throw SubprocessError("pipe failed") }
      read = fds[0]
      write = fds[1]
    }

    func send(_ text: String) {
      _ = Array(text.utf8).withUnsafeBytes { Glibc.write(write, $0.baseAddress, $0.count) }
    }

    func closeWrite() {
      _ = close(write)
      write = -1
    }

    deinit {
      for fd in [read, write] where fd >= 0 { _ = close(fd) }
    }
  }

  @Test func emptyOpenPipeHoldsNothing() throws {
    let pipe = try Pipe()
    #expect(!StandardInputProbe.holdsData(pipe.read))
  }

  @Test func pipeWithBytesWaitingHoldsData() throws {
    let pipe = try Pipe()
    pipe.send("{}\n")
    #expect(StandardInputProbe.holdsData(pipe.read))
    // Probing must not consume: the byte is still there to read.
    var byte: UInt8 = 0
    #expect(Glibc.read(pipe.read, &byte, 1) == 1)
    #expect(byte == UInt8(ascii: "{"))
  }

  @Test func closedPipeHoldsOnlyWhatWasWrittenBeforeClosing() throws {
    let empty = try Pipe()
    empty.closeWrite()
    #expect(!StandardInputProbe.holdsData(empty.read), "end of file is not data")
    let full = try Pipe()
    full.send("x")
    full.closeWrite()
    #expect(StandardInputProbe.holdsData(full.read))
  }

  @Test func regularFileHoldsDataUntilReadToItsEnd() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/point.json"
    try "{}\n".write(toFile: path, atomically: true, encoding: .utf8)
    let fd = open(path, O_RDONLY)
    try #require(fd >= 0)
    defer { close(fd) }
    #expect(StandardInputProbe.holdsData(fd))
    #expect(lseek(fd, 0, SEEK_END) == 3)
    #expect(!StandardInputProbe.holdsData(fd))
    let emptyPath = directory.path + "/empty.json"
    try "".write(toFile: emptyPath, atomically: true, encoding: .utf8)
    let empty = open(emptyPath, O_RDONLY)
    try #require(empty >= 0)
    defer { close(empty) }
    #expect(!StandardInputProbe.holdsData(empty))
  }

  @Test func devNullAndBadDescriptorsHoldNothing() throws {
    let fd = open("/dev/null", O_RDONLY)
    try #require(fd >= 0)
    defer { close(fd) }
    #expect(!StandardInputProbe.holdsData(fd))
    #expect(!StandardInputProbe.holdsData(-1))
  }

  @Test func socketWithBytesWaitingHoldsData() throws {
    var fds: [Int32] = [0, 0]
    try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
    defer { for fd in fds { close(fd) } }
    #expect(!StandardInputProbe.holdsData(fds[0]))
    _ = Glibc.write(fds[1], "x", 1)
    #expect(StandardInputProbe.holdsData(fds[0]))
  }

  @Test func terminalNeverHoldsData() throws {
    var master: Int32 = -1
    var slave: Int32 = -1
    try #require(openpty(&master, &slave, nil, nil, nil) == 0)
    defer {
      close(slave)
      close(master)
    }
    // A typed-ahead line waits in the terminal, yet it was typed for the shell, not for rg.
    _ = Glibc.write(master, "{}\n", 3)
    var ready = pollfd(fd: slave, events: Int16(POLLIN), revents: 0)
    #expect(poll(&ready, 1, 1000) == 1, "the line reached the terminal")
    #expect(!StandardInputProbe.holdsData(slave))
  }

  @Test func onlyDataOptionsConflictWithDataOnStdin() throws {
    let pipe = try Pipe()
    pipe.send("{}\n")
    let conflict = StandardInputProbe.conflict(.literal("{}"), stdin: pipe.read)
    #expect(conflict?.exitCode == 2)
    #expect(conflict?.message == StandardInputProbe.conflictMessage)
    #expect(StandardInputProbe.conflict(.file("points.json"), stdin: pipe.read) != nil)
    #expect(StandardInputProbe.conflict(.stdin, stdin: pipe.read) == nil, "-d @- reads stdin")
    let empty = try Pipe()
    #expect(StandardInputProbe.conflict(.literal("{}"), stdin: empty.read) == nil)
  }
}
