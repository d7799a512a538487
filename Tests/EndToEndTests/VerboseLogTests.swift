import Foundation
import TestSupport
import Testing

/// The -v log against the grpcio server: the address rg actually connected to, and no empty
/// lines for headers that say nothing.
@Suite(.timeLimit(.minutes(2))) struct VerboseLogTests {
  static func verboseGet(_ address: String) throws -> (rg: SubprocessResult, lines: [String]) {
    let rg = try ClientRun.rg(["get", "--plaintext", "-v", address], stdin: #"{"latitude":1}"#)
    #expect(rg.status == 0, "\(rg.summary)")
    return (rg, rg.stderrText.split(separator: "\n").map(String.init))
  }

  /// grpcio sends `grpc-message` empty with every OK status; -v leaves it out.
  @Test func emptyStatusMessageIsLeftOut() throws {
    let server = try InteropServer()
    let (rg, lines) = try Self.verboseGet(server.address)
    #expect(lines.contains("[1] < grpc-status: 0"), "\(rg.summary)")
    #expect(!lines.contains { $0.contains("grpc-message") }, "\(rg.summary)")
  }

  /// A host name is shown with the address it resolved to and rg connected to.
  @Test func connectedLineShowsTheResolvedAddress() throws {
    let server = try InteropServer()
    let port = server.process.port
    let (rg, lines) = try Self.verboseGet("localhost:\(port)")
    let connected = lines.first { $0.hasPrefix("* connected to ") }
    #expect(
      connected?.hasPrefix("* connected to localhost:\(port) (127.0.0.1:\(port)) after ") == true,
      "\(rg.summary)")
  }

  /// An IP literal or a unix socket is what it is: no address in parentheses.
  @Test func connectedLineOfALiteralAddressOrSocketHasNothingToAdd() throws {
    let server = try InteropServer()
    let (tcp, tcpLines) = try Self.verboseGet(server.address)
    #expect(
      tcpLines.contains { $0.hasPrefix("* connected to \(server.address) after ") },
      "\(tcp.summary)")
    let directory = try TemporaryDirectory()
    let socket = directory.path + "/rg.sock"
    let unixServer = try InteropServer(["--unix", socket])
    try withExtendedLifetime(unixServer) {
      let (unix, unixLines) = try Self.verboseGet("unix:" + socket)
      #expect(
        unixLines.contains { $0.hasPrefix("* connected to unix:\(socket) after ") },
        "\(unix.summary)")
    }
  }
}
