import Foundation
import TestSupport
import Testing

/// Issue 11 under valgrind memcheck: the calls a peer ends while rg is inside nghttp2 must not
/// read or write freed memory. The debug rg links the system's shared libnghttp2, so memcheck
/// sees inside it, where AddressSanitizer cannot (Debian's library is not instrumented).
///
/// Inputs are small: memcheck makes rg 20 to 50 times slower.
@Suite(.timeLimit(.minutes(2))) struct MemcheckTests {
  init() {
    signal(SIGPIPE, SIG_IGN)
  }

  /// GOAWAY in the same write as the first answer (see TransportReentryTests).
  @Test func goAwayWithTheAnswer() throws {
    let peer = try FaultPeer("answer-goaway")
    let run = try MemcheckRun(
      ["get", "--plaintext", "-d", #"{"latitude":1} {"latitude":2}"#, peer.address])
    run.expectClean()
    #expect(run.result.stdoutLines.first == TransportReentryTests.feature, "\(run.result.summary)")
  }

  /// The server aborts RecordRoute after 10 of 100 points, while rg's stdin (so its request
  /// stream) is still open: rg is still sending. (With the input closed early, whether rg
  /// was done sending is a race: 2,000 points showed the fault in 2 runs of 3, 5,000 in 2 of
  /// 6; an open input, in every run.)
  @Test func serverAbortWhileSending() throws {
    let server = try InteropServer()
    let points = String(repeating: #"{"latitude":1,"longitude":2}"# + "\n", count: 100)
    let run = try MemcheckRun(
      [
        "record", "--plaintext", "-H", "x-fail: RESOURCE_EXHAUSTED:route too long", "-H",
        "x-fail-after: 10", server.address,
      ], stdin: points, keepStdinOpen: true)
    run.expectClean()
    #expect(run.result.status == 64 + 8, "\(run.result.summary)")
  }

  /// A 100 kB chat note to an `rg serve` that takes 64 KiB: RESOURCE_EXHAUSTED, while the
  /// chat's input is still open (as above: with it closed, the fault showed in 4 runs of 6).
  @Test func oversizedChatNote() throws {
    let server = try ServerProcess.rgServe(["--max-msg-size", "64K"])
    let note =
      #"{"location":{"latitude":1,"longitude":1},"message":""#
      + String(repeating: "m", count: 100_000) + "\"}\n"
    let run = try MemcheckRun(
      ["chat", "--plaintext", server.address], stdin: note, keepStdinOpen: true)
    run.expectClean()
    #expect(run.result.status == 64 + 8, "\(run.result.summary)")
  }
}

/// One rg run under `valgrind --tool=memcheck`, with valgrind's log.
struct MemcheckRun {
  static let valgrind = "/usr/bin/valgrind"
  /// Valgrind's exit status when it found an error (and rg exited by itself).
  static let errorStatus: Int32 = 99

  let result: SubprocessResult
  let log: String

  /// Runs the debug rg built next to the tests (not `$RG_TEST_BINARY`: an AddressSanitizer
  /// build cannot run under valgrind).
  init(_ arguments: [String], stdin: String = "", keepStdinOpen: Bool = false, timeout: Double = 60)
    throws
  {
    guard FileManager.default.isExecutableFile(atPath: Self.valgrind) else {
      throw SubprocessError("no \(Self.valgrind): run `make deps` (valgrind is in APT_PACKAGES)")
    }
    let directory = try TemporaryDirectory()
    var environment = ProcessInfo.processInfo.environment
    // The Swift backtracer reads the crashed stack, which memcheck reports as invalid reads.
    environment["SWIFT_BACKTRACE"] = "enable=no"
    let options = [
      "--tool=memcheck", "--error-exitcode=\(Self.errorStatus)", "--leak-check=no",
      "--num-callers=30", "--log-file=\(directory.path)/memcheck.log",
      "--suppressions=\(RepoPaths.root)/Tests/Valgrind/swift-runtime.supp",
    ]
    result = try Subprocess.run(
      Self.valgrind, options + [RepoPaths.bundledRGBinary] + arguments, stdin: Array(stdin.utf8),
      environment: environment, timeout: timeout, keepStdinOpen: keepStdinOpen)
    log = (try? String(contentsOfFile: directory.path + "/memcheck.log", encoding: .utf8)) ?? ""
  }

  /// The first error's report (with where the block was freed), or the end of the log.
  var firstError: String {
    let lines = log.split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(where: { $0.contains("Invalid ") || $0.contains("uninit") })
    else { return lines.suffix(12).joined(separator: "\n") }
    return lines[start...].prefix(50).joined(separator: "\n")
  }

  /// Valgrind's closing count, e.g. `ERROR SUMMARY: 3 errors from 2 contexts`.
  var errorSummary: String {
    guard let line = log.split(separator: "\n").last(where: { $0.contains("ERROR SUMMARY") })
    else { return "no ERROR SUMMARY in the log" }
    return String(line.drop { $0 != "E" })
  }

  /// Memcheck found nothing, and rg ended by itself (a trap would hide what came after).
  func expectClean(sourceLocation: SourceLocation = #_sourceLocation) {
    let invalidAccess = log.contains("Invalid read") || log.contains("Invalid write")
    #expect(
      result.status != Self.errorStatus && !invalidAccess
        && errorSummary.hasPrefix("ERROR SUMMARY: 0 errors"),
      "\(errorSummary)\n\(firstError)", sourceLocation: sourceLocation)
    #expect(
      CrashSignature.problems(result) == [], "\(result.summary)", sourceLocation: sourceLocation)
  }
}
