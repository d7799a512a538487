import Foundation
import TestSupport

/// The grpcio health peers: Tests/Interop/health_client.py and health_server.py.
enum HealthPeers {
  /// One line of health_client.py per status it received.
  static func status(_ name: String) -> String { #"{"status":"\#(name)"}"# }
  /// health_client.py's line for a call that ended OK.
  static let endOK = #"{"end":"OK"}"#

  /// Runs health_client.py to its end: `check` or `watch`, then the service name and options.
  static func client(_ address: String, _ arguments: [String], timeout: Double = 30) throws
    -> SubprocessResult
  {
    try Subprocess.python(
      [RepoPaths.interop + "/health_client.py", address] + arguments, timeout: timeout)
  }

  /// health_client.py watching `service`, its lines read by the test as they come.
  static func watcher(_ address: String, _ service: String) throws -> ChildProcess {
    try Subprocess.requirePython()
    return try ChildProcess(
      RepoPaths.python, [RepoPaths.interop + "/health_client.py", address, "watch", service],
      environment: Subprocess.pythonEnvironment(), pipeStdin: false, pipeStdout: true,
      pipeStderr: false)
  }
}

/// health_server.py started for a test: grpcio's health service (and RouteGuide), whose
/// statuses the test sets through its stdin. Killed when released.
final class HealthServerPeer {
  let child: ChildProcess
  let directory: TemporaryDirectory
  /// `host:port`, known at once: with `--start-delay` before the peer listens on it.
  let address: String

  /// Starts the peer with `arguments` and waits for its first line (`listening on`, or
  /// `will listen on` with `--start-delay`).
  init(_ arguments: [String] = [], timeout: Double = 20) throws {
    try Subprocess.requirePython()
    directory = try TemporaryDirectory()
    child = try ChildProcess(
      RepoPaths.python, [RepoPaths.interop + "/health_server.py"] + arguments,
      environment: Subprocess.pythonEnvironment(), pipeStdin: true, pipeStdout: true,
      pipeStderr: false, stderrPath: directory.path + "/stderr")
    address = try Self.waitForLine(
      in: directory.path + "/stderr", prefixes: ["listening on ", "will listen on "],
      timeout: timeout, child: child)
  }

  deinit {
    child.signal(SIGKILL)
    _ = try? child.wait(timeout: 5)
  }

  var stderrText: String {
    (try? String(contentsOfFile: directory.path + "/stderr", encoding: .utf8)) ?? ""
  }

  /// Waits until the peer listens (after its start delay).
  func waitUntilListening(timeout: Double = 20) throws {
    _ = try Self.waitForLine(
      in: directory.path + "/stderr", prefixes: ["listening on "], timeout: timeout,
      child: child)
  }

  /// Sends one command line (`set SERVICE STATUS`, `clear SERVICE`, `shutdown`) and returns
  /// the peer's answer (`ok ...` once applied, or `error: ...`).
  func command(_ line: String) throws -> String {
    try child.write(line + "\n")
    return try child.readLine(timeout: 10) ?? "(no answer: the peer exited)"
  }

  /// What follows the first of `prefixes` to start a line of the file.
  private static func waitForLine(
    in path: String, prefixes: [String], timeout: Double, child: ChildProcess
  ) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
      for line in text.split(separator: "\n") {
        if let prefix = prefixes.first(where: { line.hasPrefix($0) }) {
          return String(line.dropFirst(prefix.count))
        }
      }
      if Date() > deadline {
        child.signal(SIGKILL)
        throw SubprocessError("health_server.py did not start: \(text)")
      }
      usleep(5_000)
    }
  }
}

// Handed to the thread a test waits on, one user at a time.
extension HealthServerPeer: @unchecked Sendable {}
extension SignalableServer: @unchecked Sendable {}
