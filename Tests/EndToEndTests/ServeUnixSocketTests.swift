import Foundation
import TestSupport
import Testing

/// `rg serve --bind unix:/path` (issue 15): rg and grpcio clients reach it through the socket;
/// a stale socket file is replaced, anything else at the path is left alone.
@Suite(.timeLimit(.minutes(2))) struct ServeUnixSocketTests {
  static let point = #"{"latitude":409146138,"longitude":-746188906}"#

  /// `rg serve --bind unix:PATH`, once it says it listens (ServerProcess expects a port).
  final class UnixServer {
    let child: ChildProcess
    let log: String

    init(_ path: String, in directory: TemporaryDirectory) throws {
      log = directory.path + "/serve-\(UUID().uuidString).log"
      child = try ChildProcess(
        RepoPaths.rgBinary, ["serve", "--bind", "unix:" + path], pipeStdin: false,
        pipeStdout: false, pipeStderr: false, stderrPath: log)
      let deadline = Date().addingTimeInterval(20)
      while !stderrText.contains("listening on unix:\(path)\n") {
        if Date() > deadline {
          stop(SIGKILL)
          throw SubprocessError("rg serve did not listen: \(stderrText)")
        }
        usleep(10_000)
      }
    }

    var stderrText: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    @discardableResult
    func stop(_ signal: Int32 = SIGTERM) -> Int32? {
      child.signal(signal)
      return try? child.wait(timeout: 5)
    }
  }

  @Test func rgAndGrpcioClientsCallThroughTheSocket() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/rg.sock"
    let server = try UnixServer(path, in: directory)
    defer { server.stop(SIGKILL) }
    let rg = try await onOwnThread {
      try ClientRun.rg(["get", "--plaintext", "unix:" + path], stdin: Self.point)
    }
    #expect(rg.status == 0, "\(rg.summary)")
    #expect(rg.stdoutText.contains("Berkshire Valley"))
    let python = try await onOwnThread {
      try ClientRun.python("get", "unix:" + path, stdin: Self.point)
    }
    #expect(python.status == 0, "\(python.summary)")
    #expect(python.stdoutText == rg.stdoutText)
    #expect(server.stop() == 0)
    #expect(access(path, F_OK) != 0, "the socket file is removed on exit")
  }

  @Test func aStaleSocketFileIsReplaced() async throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/stale.sock"
    let first = try UnixServer(path, in: directory)
    first.stop(SIGKILL)  // killed: the file stays, nobody listens
    #expect(access(path, F_OK) == 0)
    let second = try UnixServer(path, in: directory)
    defer { second.stop(SIGKILL) }
    let rg = try await onOwnThread {
      try ClientRun.rg(["get", "--plaintext", "unix:" + path], stdin: Self.point)
    }
    #expect(rg.status == 0, "\(rg.summary)")
  }

  @Test func aRegularFileIsNotReplaced() async throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("notes.txt", "precious\n")
    let result = try ClientRun.rg(["serve", "--bind", "unix:" + path], timeout: 10)
    #expect(result.status == 1, "\(result.summary)")
    #expect(
      result.stderrText
        == "rg: serve: cannot listen on unix:\(path): it exists and is not a socket "
        + "(left as it is)\n")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious\n")
  }
}
