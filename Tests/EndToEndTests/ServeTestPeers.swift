import Foundation
import TestSupport

/// Inputs and peers shared by the `rg serve` end-to-end tests.
enum ServePeers {
  /// The example inputs of `make demo` (Tests/Examples).
  static func example(_ name: String) throws -> String {
    try String(contentsOfFile: RepoPaths.root + "/Tests/Examples/" + name, encoding: .utf8)
  }

  /// Inputs per subcommand that exercise found, unnamed and missing features.
  static func inputs() throws -> [(command: String, input: String)] {
    let world =
      #"{"lo":{"latitude":-900000000,"longitude":-1800000000},"#
      + #""hi":{"latitude":900000000,"longitude":1800000000}}"#
    let inverted =
      #"{"hi":{"latitude":400000000,"longitude":-750000000},"#
      + #""lo":{"latitude":410000000,"longitude":-740000000}}"#
    return [
      ("get", try example("point.json")),
      ("get", #"{"latitude":0,"longitude":0}{"latitude":400273442,"longitude":-741220915}"#),
      ("list", try example("rectangle.json")),
      ("list", world),
      ("list", inverted),
      ("record", try example("route.ndjson")),
      ("record", ""),
      ("record", #"{"latitude":1,"longitude":2}"#),
      ("chat", try example("notes.ndjson")),
      ("chat", ""),
    ]
  }

  /// The grpcio client (Tests/Interop/route_guide_client.py).
  static func python(
    _ command: String, _ address: String, _ extra: [String] = ["--plaintext"],
    stdin: String = "", timeout: Double = 30
  ) throws -> SubprocessResult {
    try Subprocess.python(
      [RepoPaths.interop + "/route_guide_client.py", command, address] + extra,
      stdin: Array(stdin.utf8), timeout: timeout)
  }

  /// The grpcio client kept running with pipes, for interactive chats.
  static func interactivePython(_ command: String, _ address: String) throws -> ChildProcess {
    try Subprocess.requirePython()
    return try ChildProcess(
      RepoPaths.python,
      [
        RepoPaths.interop + "/route_guide_client.py", command, address,
        "--plaintext",
      ],
      environment: Subprocess.pythonEnvironment(), pipeStdin: true, pipeStdout: true,
      pipeStderr: true)
  }

  /// `rg` itself with `stdin`.
  static func rg(_ arguments: [String], stdin: String = "", timeout: Double = 30) throws
    -> SubprocessResult
  {
    try Subprocess.run(RepoPaths.rgBinary, arguments, stdin: Array(stdin.utf8), timeout: timeout)
  }

  /// Runs a Python snippet (with grpc and the stubs importable); arguments follow as sys.argv[1:].
  static func pythonSnippet(_ code: String, _ arguments: [String], timeout: Double = 30) throws
    -> SubprocessResult
  {
    try Subprocess.python(["-c", code] + arguments, timeout: timeout)
  }
}

/// `rg serve` started directly, so tests can signal it without waiting and watch it exit.
final class SignalableServer {
  let child: ChildProcess
  let directory: TemporaryDirectory
  let address: String

  init(_ extraArguments: [String] = [], timeout: Double = 20) throws {
    directory = try TemporaryDirectory()
    let log = directory.path + "/stderr"
    child = try ChildProcess(
      RepoPaths.rgBinary, ["serve", "--port", "0"] + extraArguments, pipeStdin: false,
      pipeStdout: false, pipeStderr: false, stderrPath: log)
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
      if let line = text.split(separator: "\n").first, line.hasPrefix("listening on ") {
        address = String(line.dropFirst("listening on ".count))
        return
      }
      if Date() > deadline {
        child.signal(SIGKILL)
        throw SubprocessError("rg serve did not start: \(text)")
      }
      usleep(5_000)
    }
  }

  deinit {
    child.signal(SIGKILL)
    _ = try? child.wait(timeout: 5)
  }
}

extension SubprocessResult {
  /// Status and output, for failed expectations.
  var serveSummary: String {
    "status \(status)\nstdout: \(stdoutText.prefix(1500))\nstderr: \(stderrText.prefix(1500))"
  }
}
