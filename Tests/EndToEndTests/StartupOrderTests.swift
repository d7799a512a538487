import Foundation
import TestSupport
import Testing

/// Sources/rg/Startup.order, the release link's function order (see the Makefile), is current:
/// the release binary's one-shot runs execute functions that the file lists, and the link
/// really placed them together. `make test` names the release binary in RG_RELEASE_BINARY.
@Suite(
  .timeLimit(.minutes(3)),
  .enabled(if: ProcessInfo.processInfo.environment["RG_RELEASE_BINARY"] != nil))
struct StartupOrderTests {
  static let orderFile = RepoPaths.root + "/Sources/rg/Startup.order"
  static let script = RepoPaths.root + "/Tests/Startup/startup_order.py"

  @Test func theOrderFileListsWhatOneShotRunsExecute() throws {
    let release = try #require(ProcessInfo.processInfo.environment["RG_RELEASE_BINARY"])
    let check = try Subprocess.run(
      "/usr/bin/python3", [Self.script, release, "--check", Self.orderFile], timeout: 120)
    #expect(check.status == 0, "\(check.stdoutText)\(check.stderrText)")
  }

  @Test func theCheckFailsForAnOrderThatListsNothing() throws {
    let release = try #require(ProcessInfo.processInfo.environment["RG_RELEASE_BINARY"])
    let directory = try TemporaryDirectory()
    try directory.write("empty.order", "")
    let check = try Subprocess.run(
      "/usr/bin/python3", [Self.script, release, "--check", directory.path + "/empty.order"],
      timeout: 120)
    #expect(check.status == 1)
    #expect(check.stderrText.contains("make startup-order"))
  }

  /// The listed functions sit in a few 64 KiB windows of text, not spread over all of it.
  @Test func theReleaseLinkPlacesTheListedFunctionsTogether() throws {
    let release = try #require(ProcessInfo.processInfo.environment["RG_RELEASE_BINARY"])
    let listed = Set(
      try String(contentsOfFile: Self.orderFile, encoding: .utf8).split(separator: "\n")
        .map(String.init))
    let symbols = try Subprocess.run("/usr/bin/nm", ["-S", "--defined-only", release])
    #expect(symbols.status == 0)
    var windows: Set<UInt64> = []
    var bytes: UInt64 = 0
    for line in symbols.stdoutText.split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count == 4, "tTwW".contains(fields[2]), listed.contains(String(fields[3])),
        let address = UInt64(fields[0], radix: 16), let size = UInt64(fields[1], radix: 16),
        size > 0
      else { continue }
      bytes += size
      windows.formUnion((address >> 16)...((address + size - 1) >> 16))
    }
    #expect(bytes > 100_000, "too few listed functions found in \(release)")
    // At the time of writing, 475 KB of listed code: 43 windows in order, 63 scattered.
    #expect(windows.count * 65_536 * 2 <= bytes * 15, "\(windows.count) windows, \(bytes) bytes")
  }
}
