import Foundation
import TestSupport
import Testing

/// What rg does with its stdin beyond reading it: the hint on a terminal, and never looking at
/// it when `-d` gives the input (as curl and grpcurl do).
@Suite(.timeLimit(.minutes(2))) struct StandardInputTests {
  static let point = #"{"latitude":409146138,"longitude":-746188906}"#
  static let berkshire =
    #"{"name":"Berkshire Valley Management Area Trail, Jefferson, NJ, USA","location":"#
    + #"{"latitude":409146138,"longitude":-746188906}}"#
  /// Another point, for stdin when -d gives the input: it must not be read.
  static let other = #"{"latitude":7}"#

  /// What Tests/Interop/pty_stdin_run.py reports about one run with stdin on a terminal.
  struct TerminalRun {
    var status: Int
    var stdout: String
    var stderr: String
    /// stderr as it was when the input was typed.
    var beforeTyping: String
    var seconds: Double?

    /// Runs rg with `arguments`, typing `input` and Ctrl-D after its first stderr line (or
    /// after a second without one); nothing is typed when `input` is nil.
    init(_ arguments: [String], typing input: String?) throws {
      let driver = [RepoPaths.interop + "/pty_stdin_run.py", "--wait", "1"]
      let typing = input.map { ["--type", $0] } ?? []
      let command = ["--", RepoPaths.rgBinary] + arguments
      let result = try Subprocess.python(driver + typing + command, timeout: 30)
      let object = try JSONSerialization.jsonObject(with: Data(result.stdout)) as? [String: Any]
      let report = try #require(object, "\(result.summary)")
      status = report["status"] as? Int ?? -1
      stdout = report["stdout"] as? String ?? ""
      stderr = report["stderr"] as? String ?? ""
      beforeTyping = report["before_typing"] as? String ?? ""
      seconds = report["seconds"] as? Double
    }
  }

  /// Runs rg with stdin a pipe that already holds `data` when rg starts; its writer stays open
  /// unless `closed`, so the only thing telling the two apart is the data waiting.
  static func rgWithPipeHolding(_ data: String, closed: Bool, _ arguments: [String]) throws
    -> SubprocessResult
  {
    let script = """
      import os, subprocess, sys
      read, write = os.pipe()
      os.write(write, sys.argv[1].encode())
      if sys.argv[2] == "closed":
          os.close(write)
      sys.exit(subprocess.run(sys.argv[3:], stdin=read, timeout=20).returncode)
      """
    return try Subprocess.python(
      ["-c", script, data, closed ? "closed" : "open", RepoPaths.rgBinary] + arguments)
  }

  /// Runs `script` with bash, rg as `$0`, `arguments` as `$@` and `directory` as `$DIR`.
  static func bash(_ script: String, _ arguments: [String], directory: String = "/") throws
    -> SubprocessResult
  {
    var environment = ProcessInfo.processInfo.environment
    environment["DIR"] = directory
    return try Subprocess.run(
      "/bin/bash", ["-c", script, RepoPaths.rgBinary] + arguments, environment: environment)
  }

  @Test func terminalStdinGetsAHintThenReadsUntilCtrlD() throws {
    let server = try InteropServer()
    let run = try TerminalRun(["get", "--plaintext", server.address], typing: Self.point + "\n")
    let hint =
      "rg: reading Point JSON from the terminal; end with Ctrl-D, or pass it with -d\n"
    #expect(run.beforeTyping == hint, "the hint comes before rg waits for input")
    #expect((run.seconds ?? 99) < 1, "hint after \(run.seconds ?? -1) s")
    #expect(run.stderr == hint)
    #expect(run.stdout == Self.berkshire + "\n")
    #expect(run.status == 0)
  }

  @Test(arguments: [
    (
      "list",
      #"{"lo":{"latitude":400000000,"longitude":-750000000},"#
        + #""hi":{"latitude":420000000,"longitude":-730000000}}"#,
      "rg: reading Rectangle JSON from the terminal; end with Ctrl-D, or pass it with -d\n"
    ),
    (
      "record", "{\"latitude\":1}\n{\"latitude\":2}",
      "rg: reading Points as NDJSON from the terminal; end with Ctrl-D, or pass them with -d\n"
    ),
    (
      "chat", #"{"message":"a"}"# + "\n" + #"{"message":"b"}"#,
      "rg: reading RouteNotes as NDJSON from the terminal; end with Ctrl-D, or pass them with -d\n"
    ),
  ])
  func terminalHintNamesEachCommandsInput(command: String, input: String, hint: String) throws {
    let server = try InteropServer()
    let run = try TerminalRun([command, "--plaintext", server.address], typing: input + "\n")
    #expect(run.beforeTyping == hint)
    #expect(run.stderr == hint)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(!run.stdout.isEmpty, "the typed input was read and sent")
  }

  @Test func noHintWhenStdinIsAPipe() throws {
    let server = try InteropServer()
    let rg = try ClientRun.rg(["get", "--plaintext", server.address], stdin: Self.point)
    #expect(rg.stderrText == "")
    #expect(rg.stdoutText == Self.berkshire + "\n")
    #expect(rg.status == 0)
  }

  @Test func noHintAndNoReadingOnATerminalWithData() throws {
    let server = try InteropServer()
    let run = try TerminalRun(
      ["get", "--plaintext", "-d", Self.point, server.address], typing: nil)
    #expect(run.stderr == "")
    #expect(run.stdout == Self.berkshire + "\n")
    #expect(run.status == 0)
  }

  /// The loop from issue 11: every call but the last used to see the loop's input waiting on
  /// its stdin and refuse with "input given twice" (exit 2, 2, 0).
  @Test func whileReadLoopWithDataAnswersEveryLine() throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let script = #"""
      printf '1 2\n3 4\n5 6\n' | while read a b; do
        "$0" get --plaintext -d "{\"latitude\":$a,\"longitude\":$b}" "$1"
        echo "exit $?"
      done
      """#
    let rg = try Self.bash(script, [server.address])
    #expect(rg.stderrText == "", "\(rg.summary)")
    #expect(
      rg.stdoutLines == [
        #"{"location":{"latitude":1,"longitude":2}}"#, "exit 0",
        #"{"location":{"latitude":3,"longitude":4}}"#, "exit 0",
        #"{"location":{"latitude":5,"longitude":6}}"#, "exit 0",
      ])
    #expect(rg.status == 0)
  }

  /// stdin is a file holding another point: rg answers -d alone and leaves the file unread,
  /// so the `cat` after it still prints all of it.
  @Test(arguments: [
    ["get", "--plaintext"], ["get", "--dry-run"], ["record", "--plaintext"],
  ])
  func dataNeverReadsAFileOnStdin(command: [String]) throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let directory = try TemporaryDirectory()
    try (Self.other + "\n").write(
      toFile: directory.path + "/other.json", atomically: true, encoding: .utf8)
    for data in [Self.point, "@" + directory.path + "/point.json"] {
      try (Self.point + "\n").write(
        toFile: directory.path + "/point.json", atomically: true, encoding: .utf8)
      let rg = try Self.bash(
        #"{ "$0" "$@"; echo "exit $?"; cat; } < "$DIR/other.json""#,
        command + ["-d", data, server.address], directory: directory.path)
      #expect(rg.stderrText == "", "\(command) -d \(data): \(rg.summary)")
      #expect(rg.stdoutLines.count == 3, "\(rg.summary)")
      #expect(rg.stdoutLines.dropFirst() == ["exit 0", Self.other], "\(rg.summary)")
      let first = rg.stdoutLines.first ?? ""
      switch command {
      case ["get", "--plaintext"]: #expect(first == Self.berkshire)
      case ["get", "--dry-run"]: #expect(first.hasPrefix("/routeguide.RouteGuide/GetFeature "))
      default: #expect(first.hasPrefix(#"{"pointCount":1,"#), "\(first)")
      }
    }
  }

  /// stdin is a pipe that already holds another point (its writer open or closed): rg sends
  /// only -d's point.
  @Test(arguments: [false, true])
  func dataIgnoresAPipeHoldingData(closed: Bool) throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    for data in [["-d", Self.point], ["-d", "@/dev/null"]] {
      let rg = try Self.rgWithPipeHolding(
        Self.other + "\n", closed: closed, ["get", "--plaintext"] + data + [server.address])
      #expect(rg.status == 0, "\(rg.summary)")
      #expect(rg.stderrText == "")
      #expect(rg.stdoutText == (data[1] == Self.point ? Self.berkshire + "\n" : ""))
    }
  }

  @Test(arguments: [
    #""$0" "$@" < /dev/null"#,
    #""$0" "$@" <&-"#,
    #""$0" "$@" < "$DIR/empty""#,
    // Read to its end before rg starts: what is left of the file is nothing.
    #"{ read -r _; "$0" "$@"; } < "$DIR/point.json""#,
  ])
  func dataWithStdinHoldingNothingWorks(script: String) throws {
    let server = try InteropServer()
    let directory = try TemporaryDirectory()
    try "".write(toFile: directory.path + "/empty", atomically: true, encoding: .utf8)
    try (Self.point + "\n").write(
      toFile: directory.path + "/point.json", atomically: true, encoding: .utf8)
    let rg = try Self.bash(
      script, ["get", "--plaintext", "-d", Self.point, server.address], directory: directory.path)
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stderrText == "")
    #expect(rg.stdoutText == Self.berkshire + "\n")
  }

  @Test func dataWithAnEmptyOpenPipeWorks() throws {
    let server = try InteropServer()
    // The writer never writes and outlives rg's check: a CI runner's or ssh's stdin.
    let rg = try Self.bash(
      #"sleep 1 | "$0" "$@""#, ["get", "--plaintext", "-d", Self.point, server.address])
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stderrText == "")
    #expect(rg.stdoutText == Self.berkshire + "\n")
  }

  @Test func dataAtDashReadsPipedStdin() throws {
    let server = try InteropServer()
    let rg = try Self.rgWithPipeHolding(
      Self.point + "\n", closed: true, ["get", "--plaintext", "-d", "@-", server.address])
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutText == Self.berkshire + "\n")
  }

  @Test func dataFromAFileWorks() throws {
    let server = try InteropServer()
    let directory = try TemporaryDirectory()
    let path = directory.path + "/point.json"
    try (Self.point + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    let rg = try ClientRun.rg(["get", "--plaintext", "-d", "@" + path, server.address])
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutText == Self.berkshire + "\n")
  }
}
