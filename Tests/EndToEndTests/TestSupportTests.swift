import Foundation
import Testing

@testable import TestSupport

/// The test harness itself: subprocesses, servers and certificates behave as the suites assume.
@Suite struct TestSupportTests {
  @Test func runCapturesOutputAndStatus() throws {
    let result = try Subprocess.bash("cat; echo oops >&2; exit 7", stdin: Array("hi\n".utf8))
    #expect(result.status == 7)
    #expect(result.stdoutText == "hi\n")
    #expect(result.stderrText == "oops\n")
  }

  /// Arguments reach the child as the bytes given, invalid UTF-8 included.
  @Test func runPassesArgumentBytes() throws {
    let word: [UInt8] = [0x61, 0xFF, 0xC3, 0x28, 0x62]
    let result = try Subprocess.run(
      "/bin/sh", bytes: [Array("-c".utf8), Array(#"printf %s "$1""#.utf8), [0x73], word])
    #expect(result.status == 0)
    #expect(result.stdout == word)
  }

  @Test func runKillsAtTheTimeLimit() throws {
    #expect(throws: SubprocessError.self) {
      try Subprocess.bash("sleep 30", timeout: 0.5)
    }
  }

  /// With `keepStdinOpen` the child reads its input and then waits for more (no EOF).
  @Test(arguments: [(false, "eof"), (true, "open")])
  func stdinStaysOpenWhenAsked(_ keepOpen: Bool, _ expected: String) throws {
    let script =
      "read -r first; read -r -t 1 second && echo more || { [ $? -gt 128 ] && "
      + "echo open || echo eof; }; echo \"$first\""
    let result = try Subprocess.run(
      "/bin/bash", ["-c", script], stdin: Array("a\n".utf8), timeout: 10,
      keepStdinOpen: keepOpen)
    #expect(result.stdoutLines == [expected, "a"], "\(result.stderrText)")
  }

  /// A child given an environment of its own still gets the sanitizer's settings.
  @Test func ownEnvironmentKeepsTheRunSettings() {
    let inherited = [
      "ASAN_OPTIONS": "log_path=/x", "HOME": "/root", "SWIFT_BACKTRACE": "enable=no",
    ]
    let environment = ChildProcess.withRunSettings(["PATH": "/bin"], inherited: inherited)
    #expect(
      environment == [
        "PATH": "/bin", "ASAN_OPTIONS": "log_path=/x", "SWIFT_BACKTRACE": "enable=no",
      ])
    #expect(ChildProcess.withRunSettings(nil, inherited: inherited) == inherited)
    #expect(ChildProcess.withRunSettings(["PATH": "/bin"], inherited: [:]) == ["PATH": "/bin"])
  }

  @Test func serverProcessFindsTheListeningLine() throws {
    let server = try ServerProcess(
      "/bin/bash", ["-c", "echo 'listening on [::1]:4242' >&2; exec sleep 30"])
    #expect(server.host == "::1")
    #expect(server.port == 4242)
    #expect(server.address == "[::1]:4242")
    #expect(try server.terminate() == 128 + SIGTERM)
  }

  @Test func certificatesChainToTheirCA() throws {
    let certs = try TestCertificates.shared()
    let good = try Subprocess.run(
      "/usr/bin/openssl", ["verify", "-CAfile", certs.caCertificate, certs.serverCertificate])
    #expect(good.status == 0)
    let bad = try Subprocess.run(
      "/usr/bin/openssl",
      ["verify", "-CAfile", certs.caCertificate, certs.otherClientCertificate])
    #expect(bad.status != 0)
  }
}
