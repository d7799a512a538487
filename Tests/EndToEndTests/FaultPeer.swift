import Foundation
import TestSupport

/// Tests/Interop/h2_misbehaving_peer.py playing one scenario, with the log of what it observed.
final class FaultPeer {
  let process: ServerProcess
  let directory: TemporaryDirectory
  var address: String { process.address }
  var eventsPath: String { directory.path + "/events.jsonl" }

  /// Starts the peer on a free port; `extra` adds TLS options and the like. A `niced` peer
  /// yields the CPU to the rest of the test suite (for the long streams).
  init(_ scenario: String, _ extra: [String] = [], niced: Bool = false) throws {
    try Subprocess.requirePython()
    directory = try TemporaryDirectory()
    let command = [
      RepoPaths.python, RepoPaths.interop + "/h2_misbehaving_peer.py", "--scenario", scenario,
      "--port", "0", "--events", directory.path + "/events.jsonl",
    ]
    let full = (niced ? FaultRun.nice : []) + command + extra
    process = try ServerProcess(
      full[0], Array(full.dropFirst()), environment: Subprocess.pythonEnvironment())
  }

  deinit { process.stop() }

  /// The events so far, waiting up to `timeout` seconds for `done` to hold (the peer logs
  /// what it saw after rg may already have exited).
  func events(timeout: Double = 3, until done: ([PeerEvent]) -> Bool = { _ in false })
    -> [PeerEvent]
  {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let text = (try? String(contentsOfFile: eventsPath, encoding: .utf8)) ?? ""
      let events = text.split(separator: "\n").compactMap { PeerEvent(line: String($0)) }
      if done(events) || Date() > deadline { return events }
      usleep(20_000)
    }
  }

  /// The events once the client's connection is over (closed by either side).
  func eventsAfterClose(timeout: Double = 3) -> [PeerEvent] {
    events(timeout: timeout) { $0.contains { $0.event == "closed" || $0.event == "tls" } }
  }
}

/// One line of the peer's --events log.
struct PeerEvent: CustomStringConvertible {
  var event: String
  var stream: Int?
  var code: Int?
  var received: Int?
  var ok: Bool?
  var alpn: String?
  var error: String?
  let description: String

  init?(line: String) {
    guard let data = line.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let event = object["event"] as? String
    else { return nil }
    self.event = event
    stream = object["stream"] as? Int
    code = object["code"] as? Int
    received = object["received"] as? Int
    ok = object["ok"] as? Bool
    alpn = object["alpn"] as? String
    error = object["error"] as? String
    description = line
  }
}

/// Measuring rg from the outside.
enum FaultRun {
  /// A prefix that runs a command at low priority: the long-stream tests must not starve the
  /// rest of the suite on a small CI machine.
  static let nice = ["/usr/bin/nice", "-n", "15"]

  /// `rg` with `arguments` and `stdin`, and how long it took (killed after `timeout`).
  static func timedRG(_ arguments: [String], stdin: String = "", timeout: Double = 20) throws
    -> (result: SubprocessResult, seconds: Double)
  {
    let start = Date()
    let result = try ClientRun.rg(arguments, stdin: stdin, timeout: timeout)
    return (result, Date().timeIntervalSince(start))
  }

  /// Runs a bash pipeline in which `$RG` is rg under `/usr/bin/time` (and `$NICE` the low
  /// priority prefix); returns its result and the peak resident set size of rg in KiB.
  ///
  /// Async, and on a thread of its own: a long pipeline must not hold one of the few threads
  /// Swift Testing runs all tests on.
  static func measured(_ pipeline: String, timeout: Double) async throws
    -> (result: SubprocessResult, peakKiB: Int)
  {
    let run = try await measuredTimed(pipeline, timeout: timeout)
    return (run.result, run.peakKiB)
  }

  /// `measured`, plus the pipeline's wall time (taken on its own thread, so it does not count
  /// the wait for a test thread afterwards).
  static func measuredTimed(_ pipeline: String, timeout: Double) async throws
    -> (result: SubprocessResult, peakKiB: Int, seconds: Double)
  {
    try await onOwnThread {
      let start = Date()
      let (result, peak) = try measuredBlocking(pipeline, timeout: timeout)
      return (result, peak, Date().timeIntervalSince(start))
    }
  }

  private static func measuredBlocking(_ pipeline: String, timeout: Double) throws
    -> (result: SubprocessResult, peakKiB: Int)
  {
    let directory = try TemporaryDirectory()
    let timeFile = directory.path + "/time"
    var environment = ProcessInfo.processInfo.environment
    environment["RG"] = "/usr/bin/time -f %M -o \(timeFile) \(RepoPaths.rgBinary)"
    environment["NICE"] = nice.joined(separator: " ")
    let result = try Subprocess.bash(
      "set -o pipefail; " + pipeline, environment: environment, timeout: timeout)
    let text = (try? String(contentsOfFile: timeFile, encoding: .utf8)) ?? ""
    let peak = text.split(separator: "\n").compactMap { Int($0) }.last ?? -1
    return (result, peak)
  }

  /// The resident set size (current and peak) of process `pid`, in KiB, from /proc.
  static func memory(of pid: pid_t) -> (rss: Int, peak: Int) {
    let text = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
    func value(_ key: String) -> Int {
      guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else {
        return -1
      }
      let fields = line.split { $0 == " " || $0 == "\t" }
      return fields.count > 1 ? Int(fields[1]) ?? -1 : -1
    }
    return (value("VmRSS:"), value("VmHWM:"))
  }
}
