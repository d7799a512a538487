import Foundation
import TestSupport

/// The Python interop server for one test, with its event log; stopped when released.
final class InteropServer {
  let process: ServerProcess
  let directory: TemporaryDirectory
  var eventsPath: String { directory.path + "/events.jsonl" }
  var address: String { process.address }

  /// Starts Tests/Interop/route_guide_server.py on a free port with `arguments` added.
  init(_ arguments: [String] = []) throws {
    directory = try TemporaryDirectory()
    process = try ServerProcess.pythonRouteGuide(
      ["--events", directory.path + "/events.jsonl"] + arguments)
  }

  deinit { process.stop() }

  /// What the server logged about finished calls, waiting up to `timeout` for `count` of them
  /// (the server logs a call's end after the client may already have exited).
  func events(atLeast count: Int = 1, timeout: Double = 5) -> [ServerCallEvent] {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let text = (try? String(contentsOfFile: eventsPath, encoding: .utf8)) ?? ""
      let events = text.split(separator: "\n").compactMap { ServerCallEvent(line: String($0)) }
      if events.count >= count || Date() > deadline { return events }
      usleep(20_000)
    }
  }
}

/// One line of the server's --events log.
struct ServerCallEvent {
  var method: String
  /// ok, cancelled or error.
  var end: String
  var code: String?
  var received: Int
  var sent: Int
  var metadata: [String: String]
  /// The bytes of each -bin value the server received, in hex.
  var binary: [String: String]
  /// Calls open on the server when this one started (itself included).
  var concurrent: Int

  init?(line: String) {
    guard let data = line.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let method = object["method"] as? String, let end = object["end"] as? String
    else { return nil }
    self.method = method
    self.end = end
    code = object["code"] as? String
    received = object["received"] as? Int ?? -1
    sent = object["sent"] as? Int ?? -1
    metadata = object["metadata"] as? [String: String] ?? [:]
    binary = object["binary"] as? [String: String] ?? [:]
    concurrent = object["concurrent"] as? Int ?? -1
  }
}

/// Running the built rg and the Python reference client.
enum ClientRun {
  /// `rg <arguments>` with `stdin`, killed after `timeout` seconds.
  static func rg(_ arguments: [String], stdin: String = "", timeout: Double = 30) throws
    -> SubprocessResult
  {
    try Subprocess.run(RepoPaths.rgBinary, arguments, stdin: Array(stdin.utf8), timeout: timeout)
  }

  /// The grpcio client (Tests/Interop/route_guide_client.py) on the same input.
  static func python(
    _ command: String, _ address: String, _ extra: [String] = ["--plaintext"], stdin: String,
    timeout: Double = 30
  ) throws -> SubprocessResult {
    try Subprocess.python(
      [RepoPaths.interop + "/route_guide_client.py", command, address] + extra,
      stdin: Array(stdin.utf8), timeout: timeout)
  }

  /// The shared feature database as NDJSON-ready values.
  static func databaseFeatures() throws -> [(name: String, latitude: Int, longitude: Int)] {
    let data = try Data(
      contentsOf: URL(fileURLWithPath: RepoPaths.sharedData + "/route_guide_db.json"))
    let entries = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
    return entries.compactMap { entry in
      guard let location = entry["location"] as? [String: Any],
        let latitude = location["latitude"] as? Int, let longitude = location["longitude"] as? Int
      else { return nil }
      return (entry["name"] as? String ?? "", latitude, longitude)
    }
  }
}

extension SubprocessResult {
  /// A readable summary for failed expectations.
  var summary: String {
    "status \(status)\nstdout: \(stdoutText.prefix(2000))\nstderr: \(stderrText.prefix(2000))"
  }
}
