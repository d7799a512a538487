import Foundation
import TestSupport
import Testing

/// Input read as the bytes it is, wherever it comes from: a byte-order mark at the start of
/// stdin, `-d @FILE` or `-d JSON` is skipped (as jq does), and only there.
@Suite(.timeLimit(.minutes(2))) struct InputBytesTests {
  static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
  static let point = #"{"latitude":409146138,"longitude":-746188906}"#
  static let berkshire =
    #"{"name":"Berkshire Valley Management Area Trail, Jefferson, NJ, USA","location":"#
    + #"{"latitude":409146138,"longitude":-746188906}}"#

  /// `rg <arguments>` with `stdin`, as bytes.
  static func rg(_ arguments: [String], stdin: [UInt8] = []) throws -> SubprocessResult {
    try Subprocess.run(RepoPaths.rgBinary, arguments, stdin: stdin, timeout: 20)
  }

  /// The arguments that give `input` to rg from `source` (stdin, file or data), and the stdin.
  static func input(_ input: [UInt8], from source: String, directory: TemporaryDirectory)
    throws -> (arguments: [String], stdin: [UInt8])
  {
    switch source {
    case "stdin": return ([], input)
    case "file":
      let path = directory.path + "/input.json"
      try Data(input).write(to: URL(fileURLWithPath: path))
      return (["-d", "@" + path], [])
    default: return (["-d", String(decoding: input, as: UTF8.self)], [])
    }
  }

  @Test(arguments: ["stdin", "file", "data"])
  func byteOrderMarkAtTheStartIsSkipped(source: String) throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let directory = try TemporaryDirectory()
    let (arguments, stdin) = try Self.input(
      Self.bom + Array(Self.point.utf8), from: source, directory: directory)
    let call = try Self.rg(["get", "--plaintext"] + arguments + [server.address], stdin: stdin)
    #expect(call.status == 0, "\(call.summary)")
    #expect(call.stderrText == "")
    #expect(call.stdoutText == Self.berkshire + "\n")
    let dryRun = try Self.rg(["get", "--dry-run"] + arguments, stdin: stdin)
    let plain = try Self.rg(["get", "--dry-run", "-d", Self.point])
    #expect(dryRun.status == 0, "\(dryRun.summary)")
    #expect(dryRun.stderrText == "")
    #expect(dryRun.stdoutLines == plain.stdoutLines && plain.stdoutLines.count == 1)
  }

  /// The mark is not a column: an error after it is placed as in the text without it.
  @Test(arguments: ["stdin", "file", "data"])
  func columnsAfterAByteOrderMarkAreThoseOfTheText(source: String) throws {
    let directory = try TemporaryDirectory()
    let (arguments, stdin) = try Self.input(
      Self.bom + Array(#"{"latitude":1.5}"#.utf8), from: source, directory: directory)
    let rg = try Self.rg(["get", "--dry-run"] + arguments, stdin: stdin)
    let name = ["stdin": "stdin", "file": directory.path + "/input.json"][source] ?? "--data"
    #expect(rg.status == 3, "\(rg.summary)")
    #expect(rg.stderrText == "rg: \(name):1:13: latitude: 1.5 is not an integer\n")
  }

  /// Only the first bytes of an input may be a mark: after a value it is bad input.
  @Test func byteOrderMarkAfterTheStartIsBadInput() throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let input = Array(#"{"latitude":1}"#.utf8) + [0x0A] + Self.bom + Array("{}".utf8)
    let rg = try Self.rg(["get", "--plaintext", server.address], stdin: input)
    #expect(rg.status == 3, "\(rg.summary)")
    #expect(rg.stdoutText == #"{"location":{"latitude":1}}"# + "\n")
    #expect(rg.stderrText == "rg: stdin:2:1: unexpected byte 0xEF outside a string\n")
  }
}
