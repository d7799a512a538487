import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A server started for a test: waits for `listening on HOST:PORT`, always stopped.
public final class ServerProcess {
  public let host: String
  public let port: Int
  private let child: ChildProcess
  private let logDirectory: TemporaryDirectory
  private var stopped = false

  /// `host:port`, with IPv6 hosts bracketed.
  public var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

  /// Everything the server wrote to stderr so far.
  public var stderrText: String {
    (try? String(contentsOfFile: logDirectory.path + "/stderr", encoding: .utf8)) ?? ""
  }

  /// Starts the server and waits (at most `startTimeout` seconds) for its listening line.
  public init(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
    startTimeout: Double = 20
  ) throws {
    logDirectory = try TemporaryDirectory()
    child = try ChildProcess(
      executable, arguments, environment: environment, pipeStdin: false, pipeStdout: false,
      pipeStderr: false, stdoutPath: logDirectory.path + "/stdout",
      stderrPath: logDirectory.path + "/stderr")
    let deadline = Date().addingTimeInterval(startTimeout)
    let logPath = logDirectory.path + "/stderr"
    while true {
      let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
      if let (host, port) = Self.listeningAddress(in: text) {
        self.host = host
        self.port = port
        return
      }
      var status: Int32 = 0
      if waitpid(child.pid, &status, WNOHANG) == child.pid {
        throw SubprocessError("server exited before listening: \(text)")
      }
      if Date() > deadline {
        child.signal(SIGKILL)
        throw SubprocessError(
          "server did not print `listening on` within \(startTimeout) s: \(text)")
      }
      usleep(5_000)
    }
  }

  /// Starts the Python interop server (Tests/Interop/route_guide_server.py) on a free port.
  public static func pythonRouteGuide(_ extraArguments: [String] = []) throws -> ServerProcess {
    try Subprocess.requirePython()
    return try ServerProcess(
      RepoPaths.python,
      [RepoPaths.interop + "/route_guide_server.py", "--port", "0"] + extraArguments,
      environment: Subprocess.pythonEnvironment())
  }

  /// Starts `rg serve` on a free port.
  public static func rgServe(_ extraArguments: [String] = []) throws -> ServerProcess {
    try ServerProcess(RepoPaths.rgBinary, ["serve", "--port", "0"] + extraArguments)
  }

  static func listeningAddress(in text: String) -> (String, Int)? {
    guard let range = text.range(of: "listening on ") else { return nil }
    let rest = text[range.upperBound...]
    guard let end = rest.firstIndex(of: "\n") else { return nil }
    let hostPort = rest[..<end]
    guard let colon = hostPort.lastIndex(of: ":"),
      let port = Int(hostPort[hostPort.index(after: colon)...])
    else { return nil }
    var host = String(hostPort[..<colon])
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    return (host, port)
  }

  /// Sends `sig` and waits for exit; returns the exit status.
  @discardableResult
  public func terminate(_ sig: Int32 = SIGTERM, timeout: Double = 10) throws -> Int32 {
    stopped = true
    child.signal(sig)
    return try child.wait(timeout: timeout)
  }

  /// SIGTERM, then SIGKILL after 3 s. Safe to call twice.
  public func stop() {
    guard !stopped else { return }
    stopped = true
    child.signal(SIGTERM)
    if (try? child.wait(timeout: 3)) == nil {
      child.signal(SIGKILL)
      _ = try? child.wait(timeout: 3)
    }
  }

  deinit { stop() }
}
