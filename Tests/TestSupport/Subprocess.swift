import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What a finished subprocess left behind.
public struct SubprocessResult: Sendable {
  public var status: Int32
  public var stdout: [UInt8]
  public var stderr: [UInt8]
  public init(status: Int32, stdout: [UInt8], stderr: [UInt8]) {
    self.status = status
    self.stdout = stdout
    self.stderr = stderr
  }
  public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
  public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
  public var stdoutLines: [String] {
    stdoutText.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
  }
}

/// A test failure in running a subprocess (it could not start, or it overran its time limit).
public struct SubprocessError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// Runs commands with stdin data, capturing stdout and stderr, under a hard time limit.
public enum Subprocess {
  /// Runs `executable` to completion; kills it (and fails) after `timeout` seconds. With
  /// `keepStdinOpen` the child's stdin stays open after `stdin` (a user still typing).
  public static func run(
    _ executable: String, _ arguments: [String], stdin: [UInt8] = [],
    environment: [String: String]? = nil, timeout: Double = 60, keepStdinOpen: Bool = false
  ) throws -> SubprocessResult {
    let child = try ChildProcess(
      executable, arguments, environment: environment, pipeStdin: true, pipeStdout: true,
      pipeStderr: true)
    return try child.communicate(stdin: stdin, timeout: timeout, keepStdinOpen: keepStdinOpen)
  }

  /// Runs `executable` with arguments given as bytes (see `ChildProcess`).
  public static func run(
    _ executable: String, bytes arguments: [[UInt8]], stdin: [UInt8] = [],
    environment: [String: String]? = nil, timeout: Double = 60
  ) throws -> SubprocessResult {
    let child = try ChildProcess(
      executable, bytes: arguments, environment: environment, pipeStdin: true,
      pipeStdout: true, pipeStderr: true)
    return try child.communicate(stdin: stdin, timeout: timeout)
  }

  /// Runs the venv's Python with the generated stubs on its path.
  public static func python(
    _ arguments: [String], stdin: [UInt8] = [], timeout: Double = 60
  ) throws -> SubprocessResult {
    try requirePython()
    return try run(
      RepoPaths.python, arguments, stdin: stdin, environment: pythonEnvironment(),
      timeout: timeout)
  }

  /// The environment for Python peers: inherited, plus PYTHONPATH for the generated stubs.
  public static func pythonEnvironment() -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["PYTHONPATH"] = RepoPaths.pythonGenerated + ":" + RepoPaths.interop
    env["PYTHONUNBUFFERED"] = "1"
    return env
  }

  /// Fails with a clear message when `make venv` has not run.
  public static func requirePython() throws {
    guard FileManager.default.isExecutableFile(atPath: RepoPaths.python),
      FileManager.default.fileExists(atPath: RepoPaths.pythonGenerated + "/route_guide_pb2.py")
    else {
      throw SubprocessError("no Python venv at \(RepoPaths.python): run `make venv` first")
    }
  }

  /// Runs a shell pipeline with bash (e.g. to test `rg list | head -1`).
  public static func bash(
    _ script: String, stdin: [UInt8] = [], environment: [String: String]? = nil,
    timeout: Double = 60
  ) throws -> SubprocessResult {
    try run("/bin/bash", ["-c", script], stdin: stdin, environment: environment, timeout: timeout)
  }
}
