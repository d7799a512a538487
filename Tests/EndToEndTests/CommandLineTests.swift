import Foundation
import TestSupport
import Testing

/// The built `rg` as a user meets it: usage errors, help, version and `get --dry-run`.
@Suite struct CommandLineTests {
  func rg(_ arguments: [String], stdin: String = "", environment: [String: String]? = nil)
    throws -> SubprocessResult
  {
    var inherited = ProcessInfo.processInfo.environment
    inherited["RG_ADDRESS"] = nil
    return try Subprocess.run(
      RepoPaths.rgBinary, arguments, stdin: Array(stdin.utf8),
      environment: environment ?? inherited,
      timeout: 20)
  }

  @Test func unknownOptionIsAUsageErrorWithASuggestion() throws {
    let result = try rg(["get", "--timout", "5s"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderrText == """
        rg: unknown option --timout; did you mean --timeout?
        Usage: rg get [options] [ADDRESS]
        See 'rg get --help'.

        """)
  }

  @Test(arguments: [
    (["list", "--timeout", "0"], "rg: invalid --timeout '0': a duration must be greater than 0"),
    (["record", "--plaintext", "-k"], "rg: --insecure needs TLS, but --plaintext turns it off"),
    (
      ["chat", "--cert", "c.pem"],
      "rg: --cert needs --key (the private key of the client certificate)"
    ),
    (["get", "-d", "{}", "-d", "{}"], "rg: --data may be given only once"),
    (
      ["get", "[::1:50051"], "rg: invalid ADDRESS '[::1:50051': missing ']' after the IPv6 address"
    ),
    (
      ["serve", "--port", "70000"],
      "rg: invalid --port '70000': out of range (0-65535; 0 picks a free port)"
    ),
    (["gett"], "rg: unknown subcommand 'gett'; did you mean 'get'?"),
    (
      [],
      "rg: missing subcommand (one of: get, list, record, chat, health, describe, serve, "
        + "completions, man, help)"
    ),
  ])
  func usageErrorsExitTwoWithTheMessageFirst(arguments: [String], message: String) throws {
    let result = try rg(arguments)
    #expect(result.status == 2)
    let lines = result.stderrText.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    #expect(lines.first == message)
    #expect(lines.dropFirst().first?.hasPrefix("Usage: rg") == true)
    #expect(lines.last?.hasPrefix("See 'rg") == true)
  }

  @Test func badAddressInTheEnvironmentIsNamed() throws {
    var environment = ProcessInfo.processInfo.environment
    environment["RG_ADDRESS"] = "nowhere"
    let result = try rg(["get"], environment: environment)
    #expect(result.status == 2)
    #expect(
      result.stderrText.hasPrefix(
        "rg: invalid $RG_ADDRESS 'nowhere': missing port (expected host:port)\n"))
  }

  /// `RG_ADDRESS=` is unset, not a bad address: the default address is used.
  @Test func emptyAddressInTheEnvironmentMeansTheDefault() throws {
    var environment = ProcessInfo.processInfo.environment
    environment["RG_ADDRESS"] = ""
    let dryRun = try rg(["get", "--dry-run", "-d", "{}"], environment: environment)
    #expect(dryRun.status == 0, "\(dryRun.stderrText)")
    #expect(dryRun.stdoutLines == ["/routeguide.RouteGuide/GetFeature 0000000000"])
    let call = try rg(
      ["get", "--plaintext", "-v", "--connect-timeout", "2s", "-d", "{}"],
      environment: environment)
    #expect(call.status != 2, "\(call.stderrText)")
    #expect(
      call.stderrText.hasPrefix("* connecting to localhost:50051 (plaintext)\n"),
      "\(call.stderrText)")
  }

  @Test func helpGoesToStdoutWrappedToEightyColumns() throws {
    let result = try rg(["get", "--help"])
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    let text = result.stdoutText
    #expect(text.hasPrefix("OVERVIEW: GetFeature"))
    #expect(text.contains("\nUSAGE: rg get [options] [ADDRESS]\n"))
    for heading in ["ARGUMENTS:", "CONNECTION OPTIONS:", "TLS OPTIONS:", "CALL OPTIONS:"] {
      #expect(text.contains("\n\(heading)\n"), "\(heading)")
    }
    #expect(text.contains("  -H, --header 'NAME: VALUE'\n"))
    let prose = text.split(separator: "\n").filter { !$0.hasPrefix("    rg ") }
    #expect(prose.allSatisfy { $0.count <= 80 })
  }

  @Test func helpSubcommandAndShortFlagPrintTheSameHelp() throws {
    let long = try rg(["record", "--help"])
    let viaHelp = try rg(["help", "record"])
    let short = try rg(["record", "-h"])
    #expect(viaHelp.status == 0 && short.status == 0)
    #expect(viaHelp.stdoutText == long.stdoutText)
    #expect(short.stdoutText == long.stdoutText)
  }

  @Test func rootHelpListsTheSubcommands() throws {
    let result = try rg(["--help"])
    #expect(result.status == 0)
    for name in ["get", "list", "record", "chat", "serve", "completions", "man", "help"] {
      #expect(result.stdoutText.contains("\n  \(name) "), "\(name)")
    }
  }

  @Test func versionNamesTheLibraries() throws {
    let result = try rg(["--version"])
    #expect(result.status == 0)
    let lines = result.stdoutText.split(separator: "\n")
    #expect(lines.first?.hasPrefix("rg ") == true)
    #expect(lines.contains { $0.hasPrefix("nghttp2 1.") })
    #expect(lines.contains { $0.hasPrefix("OpenSSL ") })
  }

  @Test func dryRunPrintsTheFrameOfEveryPoint() throws {
    let result = try rg(
      ["get", "--dry-run"],
      stdin: """
        {"latitude": 409146138, "longitude": -746188906}
        {"latitude": 0, "longitude": 0}{"longitude": 1}
        """)
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    #expect(
      result.stdoutLines == [
        "/routeguide.RouteGuide/GetFeature "
          + frameHex(latitude: 409_146_138, longitude: -746_188_906),
        "/routeguide.RouteGuide/GetFeature " + frameHex(latitude: 0, longitude: 0),
        "/routeguide.RouteGuide/GetFeature " + frameHex(latitude: 0, longitude: 1),
      ])
    #expect(frameHex(latitude: 0, longitude: 0) == "0000000000")
  }

  @Test func dryRunReadsDataAndFiles() throws {
    let literal = try rg(["get", "--dry-run", "-d", "{\"latitude\": 5}"])
    #expect(literal.stdoutLines == ["/routeguide.RouteGuide/GetFeature 00000000020805"])
    let directory = try TemporaryDirectory()
    let path = try directory.write("points.json", "{\"latitude\": 5}\n{\"longitude\": -1}\n")
    let file = try rg(["get", "--dry-run", "-d", "@" + path])
    #expect(file.status == 0)
    #expect(
      file.stdoutLines == [
        "/routeguide.RouteGuide/GetFeature 00000000020805",
        "/routeguide.RouteGuide/GetFeature " + frameHex(latitude: 0, longitude: -1),
      ])
  }

  @Test func dryRunBadInputExitsThreeAfterTheGoodLines() throws {
    let result = try rg(["get", "--dry-run"], stdin: "{\"latitude\": 5}\n{\"latitude\": 1.5}\n")
    #expect(result.status == 3)
    #expect(result.stdoutLines == ["/routeguide.RouteGuide/GetFeature 00000000020805"])
    #expect(result.stderrText.hasPrefix("rg: stdin:2:"))
    #expect(result.stderrText.split(separator: "\n").count == 1)
    let literal = try rg(["get", "--dry-run", "-d", "{\"latitude\": true}"])
    #expect(literal.status == 3)
    #expect(literal.stderrText.hasPrefix("rg: -d:1:"))
  }

  /// Every client subcommand dry-runs through the same input path as a real run, with its
  /// method's rules: list takes exactly one Rectangle; record and chat frame each message.
  @Test func dryRunWorksForEverySubcommand() throws {
    let list = try rg(["list", "--dry-run", "-d", #"{"lo":{"latitude":5}}"#])
    #expect(list.status == 0, "\(list.stderrText)")
    // Rectangle{lo: Point{latitude: 5}}: field 1, length 2, then the Point's bytes.
    #expect(list.stdoutLines == ["/routeguide.RouteGuide/ListFeatures 00000000040a020805"])
    let record = try rg(["record", "--dry-run"], stdin: "{\"latitude\": 5}\n{}\n")
    #expect(record.status == 0)
    #expect(
      record.stdoutLines == [
        "/routeguide.RouteGuide/RecordRoute 00000000020805",
        "/routeguide.RouteGuide/RecordRoute 0000000000",
      ])
    let chat = try rg(["chat", "--dry-run", "-d", #"{"message":"hi"}"#])
    #expect(chat.stdoutLines == ["/routeguide.RouteGuide/RouteChat 0000000004120268" + "69"])
  }

  @Test func dryRunKeepsTheRulesOfTheMethod() throws {
    let two = try rg(["list", "--dry-run", "-d", "{} {}"])
    #expect(two.status == 3)
    #expect(two.stdoutLines.count == 1)
    #expect(
      two.stderrText
        == "rg: -d: ListFeatures takes exactly one Rectangle, but the input has more\n")
    let none = try rg(["list", "--dry-run"], stdin: "")
    #expect(none.status == 3)
    #expect(none.stderrText.contains("ListFeatures needs a Rectangle, but the input is empty"))
    let bad = try rg(["record", "--dry-run"], stdin: "{\"latitude\": 5}\n{\"latitude\": \"x\"}\n")
    #expect(bad.status == 3)
    #expect(bad.stdoutLines.count == 1)
    #expect(bad.stderrText.hasPrefix("rg: stdin:2:"))
  }

  @Test func dryRunMissingFileExitsOne() throws {
    let result = try rg(["get", "--dry-run", "-d", "@/nonexistent/points.json"])
    #expect(result.status == 1)
    #expect(
      result.stderrText == "rg: cannot read /nonexistent/points.json: No such file or directory\n")
  }

  /// The gRPC frame of a Point in hex, encoded here by hand as an independent check.
  func frameHex(latitude: Int32, longitude: Int32) -> String {
    var payload: [UInt8] = []
    for (field, value) in [(UInt8(1), latitude), (2, longitude)] where value != 0 {
      payload.append(field << 3)
      var bits = UInt64(bitPattern: Int64(value))
      while bits >= 0x80 {
        payload.append(UInt8(bits & 0x7F) | 0x80)
        bits >>= 7
      }
      payload.append(UInt8(bits))
    }
    let prefix: [UInt8] = [0, 0, 0, 0, UInt8(payload.count)]
    return (prefix + payload).map { String(format: "%02x", $0) }.joined()
  }
}
