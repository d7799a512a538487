import Foundation
import TestSupport
import Testing

/// Input read as the bytes it is, wherever it comes from: arguments are not repaired into
/// valid UTF-8 (`-d JSON` is JSON input like stdin, `-bin` header values are sent as given,
/// other values must be UTF-8), and a byte-order mark at the start of stdin, `-d @FILE` or
/// `-d JSON` is skipped (as jq does), and only there.
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

  /// `rg <arguments>` with arguments given as bytes.
  static func rg(bytes arguments: [[UInt8]], stdin: [UInt8] = []) throws -> SubprocessResult {
    try Subprocess.run(RepoPaths.rgBinary, bytes: arguments, stdin: stdin, timeout: 20)
  }

  static func bytes(_ words: String...) -> [[UInt8]] { words.map { Array($0.utf8) } }

  /// Invalid UTF-8 in `-d` is bad input, the same error at the same place as on stdin, naming
  /// the byte given (it used to be sent as U+FFFD, exit 0).
  @Test func invalidUTF8InDataIsBadInputLikeOnStdin() throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let note = Array(#"{"message":""#.utf8) + [0xFF] + Array(#""}"#.utf8)
    let stdin = try Self.rg(["chat", "--plaintext", server.address], stdin: note)
    let data = try Self.rg(
      bytes: Self.bytes("chat", "--plaintext", "-d") + [note, Array(server.address.utf8)])
    let error = "1:13: invalid UTF-8 in a string: byte 0xFF\n"
    #expect(stdin.status == 3, "\(stdin.summary)")
    #expect(stdin.stderrText == "rg: stdin:" + error)
    #expect(data.status == 3, "\(data.summary)")
    #expect(data.stderrText == "rg: -d:" + error)
    #expect(data.stdout.isEmpty)
    // --dry-run reads -d the same way.
    let key = Array(#"{"a"#.utf8) + [0xFF] + Array(#"":1}"#.utf8)
    let dryRun = try Self.rg(bytes: Self.bytes("get", "--dry-run", "-d") + [key])
    #expect(dryRun.status == 3, "\(dryRun.summary)")
    #expect(dryRun.stderrText == "rg: -d:1:4: invalid UTF-8 in a string: byte 0xFF\n")
  }

  /// Outside a string too, the error names the byte given, not the 0xEF of a U+FFFD.
  @Test func invalidByteInDataIsNamedAsGiven() throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    for command in [["get", "--dry-run"], ["list", "--plaintext", server.address]] {
      let rg = try Self.rg(bytes: command.map { Array($0.utf8) } + Self.bytes("-d") + [[0xFF]])
      #expect(rg.status == 3, "\(rg.summary)")
      #expect(rg.stderrText == "rg: -d:1:1: unexpected byte 0xFF outside a string\n")
    }
  }

  /// A `-bin` header's raw bytes are what the server decodes from the base64 rg sends.
  @Test func binaryHeaderSendsTheBytesGiven() throws {
    let server = try InteropServer()
    let header = Array("x-data-bin: ".utf8) + [0xFF, 0xC3, 0x28, 0x61]
    let rg = try Self.rg(
      bytes: Self.bytes("get", "--plaintext", "-v", "-H") + [header]
        + Self.bytes("-d", "{}", server.address))
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stderrText.contains("> x-data-bin: /8MoYQ==\n"), "\(rg.stderrText)")
    #expect(server.events().first?.binary["x-data-bin"] == "ffc32861")
  }

  /// Any other value must be UTF-8: a usage error naming the argument, the byte and where.
  @Test(arguments: [
    (
      ["--cacert", "ca\u{FF}.pem"],
      "invalid --cacert 'ca\\xFF.pem': byte 0xFF at position 3 is not UTF-8"
    ),
    (["-d", "@x\u{FF}"], "invalid --data '@x\\xFF': byte 0xFF at position 3 is not UTF-8"),
    (["h\u{FF}:1"], "invalid ADDRESS 'h\\xFF:1': byte 0xFF at position 2 is not UTF-8"),
    (["--timeout=1\u{FF}s"], "invalid --timeout '1\\xFFs': byte 0xFF at position 2 is not UTF-8"),
    (
      ["-H", "x-a: \u{FF}"],
      "invalid --header 'x-a: \\xFF': value of header 'x-a' has a non-printable or non-ASCII "
        + "byte 0xFF at position 1 (use a name ending in -bin for binary values)"
    ),
  ])
  func invalidUTF8ElsewhereIsAUsageError(arguments: [String], message: String) throws {
    // U+00FF stands for the single byte 0xFF here.
    let raw = arguments.map { $0.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } }
    let rg = try Self.rg(bytes: Self.bytes("get") + raw)
    #expect(rg.status == 2, "\(rg.summary)")
    #expect(rg.stderrText.hasPrefix("rg: " + message + "\nUsage: rg get"), "\(rg.stderrText)")
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
    let name = ["stdin": "stdin", "file": directory.path + "/input.json"][source] ?? "-d"
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
