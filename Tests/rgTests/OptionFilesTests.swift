import Foundation
import TestSupport
import Testing

@testable import rg

@Suite struct OptionFilesTests {
  @Test func readableFilesAndAbsentOptionsPass() throws {
    let directory = try TemporaryDirectory()
    let file = try directory.write("ca.pem", "not checked for content")
    #expect(OptionFiles.problem([("--cacert", file), ("--cert", nil)]) == nil)
    #expect(OptionFiles.whyUnreadable(file) == nil)
  }

  @Test func theFirstUnreadableFileIsNamedWithItsOption() throws {
    let directory = try TemporaryDirectory()
    let file = try directory.write("cert.pem", "")
    let missing = directory.path + "/missing.pem"
    #expect(
      OptionFiles.problem([("--cacert", nil), ("--cert", file), ("--key", missing)])
        == "cannot read --key \(missing): No such file or directory")
  }

  @Test func aDirectoryIsNotAFile() throws {
    let directory = try TemporaryDirectory()
    #expect(OptionFiles.whyUnreadable(directory.path) == "Is a directory")
  }

  /// A FIFO without a writer must not block the check (O_NONBLOCK).
  @Test func aNamedPipeWithoutWriterDoesNotHang() throws {
    let directory = try TemporaryDirectory()
    let fifo = directory.path + "/fifo"
    #expect(mkfifo(fifo, 0o600) == 0)
    #expect(OptionFiles.whyUnreadable(fifo) == nil)
  }

  /// Root reads any file, so this only means something for other users.
  @Test(.enabled(if: getuid() != 0)) func permissionDeniedIsReported() throws {
    let directory = try TemporaryDirectory()
    let file = try directory.write("key.pem", "")
    #expect(chmod(file, 0) == 0)
    #expect(OptionFiles.whyUnreadable(file) == "Permission denied")
  }
}
