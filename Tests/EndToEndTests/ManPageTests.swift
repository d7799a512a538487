import Foundation
import TestSupport
import Testing

/// The man page `rg man` prints: committed as man/rg.1, lint-clean, complete, and with
/// examples that work as written.
@Suite(.timeLimit(.minutes(2))) struct ManPageTests {
  static var pagePath: String { RepoPaths.root + "/man/rg.1" }

  @Test func committedPageIsTheGeneratedOne() throws {
    let committed = try String(contentsOfFile: Self.pagePath, encoding: .utf8)
    #expect(
      committed == (try rgOutput(["man"])),
      "man/rg.1 is out of date: run `make generated` and commit it")
  }

  @Test func mandocFindsNothingToWarnAbout() throws {
    let lint = try Subprocess.run(
      "/usr/bin/mandoc", ["-T", "lint", "-W", "warning", Self.pagePath])
    #expect(lint.status == 0, "\(lint.stdoutText)\(lint.stderrText)")
    #expect(lint.stdoutText + lint.stderrText == "")
  }

  @Test func groffAndManRenderWithoutWarnings() throws {
    let groff = try Subprocess.run("/usr/bin/groff", ["-ww", "-z", "-man", Self.pagePath])
    #expect(groff.status == 0)
    #expect(groff.stderrText == "", "\(groff.stderrText)")
    let man = try Subprocess.run(
      "/usr/bin/man", ["--warnings", "-l", Self.pagePath],
      environment: ["PATH": "/usr/bin:/bin", "MANPAGER": "cat", "MANWIDTH": "80"])
    #expect(man.status == 0)
    #expect(man.stderrText == "", "\(man.stderrText)")
    #expect(man.stdoutText.contains("EXIT STATUS"))
  }

  @Test func sectionsComeInOrder() throws {
    let titles = RoffPage(try rgOutput(["man"])).sections.map(\.title)
    #expect(
      titles == [
        "NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "RG GET", "RG LIST", "RG RECORD", "RG CHAT",
        "RG HEALTH", "RG DESCRIBE", "RG SERVE", "RG COMPLETIONS", "RG MAN", "RG HELP", "ADDRESS",
        "INPUT AND OUTPUT",
        "EXIT STATUS", "ENVIRONMENT", "EXAMPLES", "SEE ALSO",
      ])
  }

  @Test func everyOptionIsInItsCommandsSection() throws {
    let page = RoffPage(try rgOutput(["man"]))
    for command in ["RG GET", "RG LIST", "RG RECORD", "RG CHAT"] {
      let text = try #require(page.section(command))
      for option in ["--plaintext", "--cacert", "--header", "--timeout", "--proto-names"] {
        #expect(text.contains(RoffPage.bold(option)), "\(command) lacks \(option)")
      }
      #expect(text.contains(RoffPage.bold("--concurrency")) == (command == "RG GET"))
      for group in ["CONNECTION OPTIONS", "TLS OPTIONS", "CALL OPTIONS", "OUTPUT OPTIONS"] {
        #expect(text.contains(".SS \"\(group)\""), "\(command) lacks \(group)")
      }
    }
    let serve = try #require(page.section("RG SERVE"))
    for option in ["--bind", "--port", "--db", "--tls-cert", "--tls-key", "--shared-chat"] {
      #expect(serve.contains(RoffPage.bold(option)), "serve lacks \(option)")
    }
  }

  @Test func exitStatusAndEnvironmentAreListed() throws {
    let page = RoffPage(try rgOutput(["man"]))
    let status = try #require(page.section("EXIT STATUS"))
    for code in ["0", "1", "2", "3", "4", "64 + N", "130, 143, 129"] {
      #expect(status.contains(".TP\n" + RoffPage.bold(code) + "\n"), "no exit status \(code)")
    }
    let environment = try #require(page.section("ENVIRONMENT"))
    #expect(environment.contains(RoffPage.bold("RG_ADDRESS")))
  }

  /// rg's codes are grpcurl's only in part (DESIGN §1): the page must say where they differ,
  /// not claim they are the same.
  @Test func exitStatusSaysWhereItDiffersFromGrpcurl() throws {
    let page = RoffPage(try rgOutput(["man"]))
    let status = try #require(page.section("EXIT STATUS"))
    #expect(!status.contains("The same as grpcurl"), "\(status)")
    #expect(status.contains("0, 2 and 64 + N mean what they mean for grpcurl"), "\(status)")
    #expect(status.contains("bad input is 3"), "\(status)")
    #expect(status.contains("grpcurl: 1 when it cannot connect"), "\(status)")
  }

  @Test func namedPageUsesThatName() throws {
    let page = try rgOutput(["man", "--name", "grg"])
    #expect(page.contains(".TH \"GRG\" \"1\""))
    #expect(page.contains(".SH \"GRG GET\""))
    #expect(page.contains("grg get \\-d"))
    #expect(!page.contains("\\fBrg "))
  }

  @Test func examplesWorkAsWritten() throws {
    let examples = RoffPage(try rgOutput(["man"])).examples
    #expect(
      Set(examples) == Set(Self.expectedOutput.keys), "the examples changed: update this test")
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let binDirectory = (RepoPaths.rgBinary as NSString).deletingLastPathComponent
    let environment = [
      "PATH": binDirectory + ":/usr/bin:/bin", "RG_ADDRESS": "http://" + server.address,
      "HOME": NSTemporaryDirectory(), "LANG": "C.UTF-8",
    ]
    for example in examples {
      let result = try Subprocess.run(
        "/bin/bash", ["-o", "pipefail", "-c", example], environment: environment, timeout: 20)
      #expect(result.status == 0, "\(example): \(result.stderrText)")
      #expect(result.stdoutText == Self.expectedOutput[example], "\(example)")
    }
  }

  static let berkshire =
    #"{"name":"Berkshire Valley Management Area Trail, Jefferson, NJ, USA","location":"#
    + #"{"latitude":409146138,"longitude":-746188906}}"# + "\n"

  /// What each example prints against `rg serve` with the built-in features.
  static let expectedOutput: [String: String] = [
    #"rg health --wait --timeout 30s && rg get -d '{"latitude": 1, "longitude": 2}'"#:
      #"{"status":"SERVING"}"# + "\n" + #"{"location":{"latitude":1,"longitude":2}}"# + "\n",
    #"rg get -d '{"latitude": 409146138, "longitude": -746188906}'"#: berkshire,
    "rg describe --check && rg describe routeguide.Point":
      "routeguide.Point is a message:\nmessage Point {\n  int32 latitude = 1;\n"
      + "  int32 longitude = 2;\n}\n",
    #"printf '{"latitude": %d, "longitude": %d}\n' 409146138 -746188906 0 0 | rg get"#:
      berkshire + #"{"location":{}}"# + "\n",
    #"rg list -d '{"lo": {"latitude": 4e8, "longitude": -7.5e8}, "hi": {"latitude": 4.2e8, "#
      + #""longitude": -7.3e8}}' | head -n 3 | jq -r .name"#:
      "Patriots Path, Mendham, NJ 07945, USA\n101 New Jersey 10, Whippany, NJ 07981, USA\n"
      + "U.S. 6, Shohola, PA 18458, USA\n",
    #"rg record -d '{"latitude": 407838351, "longitude": -746143763} {"latitude": 408122808, "#
      + #""longitude": -743999179}'"#: #"{"pointCount":2,"featureCount":2,"distance":18327}"#
      + "\n",
    #"printf '{"location": {"latitude": 1, "longitude": 1}, "message": "%s"}\n' one two | rg chat"#:
      #"{"location":{"latitude":1,"longitude":1},"message":"one"}"# + "\n",
    "rg get --emit-defaults --proto-names -d '{}'":
      #"{"name":"","location":{"latitude":0,"longitude":0}}"# + "\n",
    #"rg get --timeout 2s -H 'x-request-id: 42' -d '{"latitude": 1, "longitude": 2}'"#:
      #"{"location":{"latitude":1,"longitude":2}}"# + "\n",
    #"rg get -d '{"latitude": 1.5}' 2>/dev/null || echo "exit status $?""#: "exit status 3\n",
  ]
}

/// Reads back what the man page generator writes: sections, and the EXAMPLES command lines.
struct RoffPage {
  let sections: [(title: String, text: String)]

  init(_ source: String) {
    var sections: [(title: String, text: String)] = []
    for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix(".SH ") {
        sections.append((String(line.dropFirst(4)).replacing("\"", with: ""), ""))
      } else if !sections.isEmpty {
        sections[sections.count - 1].text += line + "\n"
      }
    }
    self.sections = sections
  }

  func section(_ title: String) -> String? {
    sections.first { $0.title == title }?.text
  }

  /// The unfilled lines of EXAMPLES, unescaped: the commands as a reader copies them.
  var examples: [String] {
    var inLiteral = false
    var commands: [String] = []
    for line in (section("EXAMPLES") ?? "").split(separator: "\n") {
      if line == ".nf" {
        inLiteral = true
      } else if line == ".fi" {
        inLiteral = false
      } else if inLiteral {
        commands.append(Self.unescape(String(line)))
      }
    }
    return commands
  }

  static func unescape(_ text: String) -> String {
    text.replacing("\\(aq", with: "'").replacing("\\(dq", with: "\"")
      .replacing("\\(ga", with: "`").replacing("\\(ti", with: "~").replacing("\\(ha", with: "^")
      .replacing("\\-", with: "-").replacing("\\&", with: "").replacing("\\e", with: "\\")
  }

  static func bold(_ text: String) -> String {
    "\\fB" + text.replacing("-", with: "\\-") + "\\fR"
  }
}
