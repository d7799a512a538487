import Foundation
import TestSupport
import Testing

/// `--help` of every command through the real binary: its parts, and its width on a pipe and
/// on terminals of different sizes.
@Suite(.timeLimit(.minutes(2))) struct HelpTests {
  static let commands: [[String]] = [
    [], ["get"], ["list"], ["record"], ["chat"], ["serve"], ["completions"], ["man"], ["help"],
  ]

  @Test(arguments: commands)
  func helpHasUsageOverviewAndFitsEightyColumns(_ command: [String]) throws {
    let help = try rgOutput(command + ["--help"])
    let commandLine = (["rg"] + command).joined(separator: " ")
    #expect(help.hasPrefix("OVERVIEW: "), "\(commandLine)")
    #expect(help.contains("\nUSAGE: \(commandLine) "), "\(commandLine)")
    #expect(help.contains("-h, --help"), "\(commandLine)")
    for line in Self.proseLines(help) {
      #expect(line.count <= 80, "\(commandLine): \(line)")
    }
  }

  @Test(arguments: [["get"], ["list"], ["record"], ["chat"]])
  func clientHelpGroupsOptionsAndShowsExamples(_ command: [String]) throws {
    let help = try rgOutput(command + ["--help"])
    let headings = help.split(separator: "\n").filter { $0.hasSuffix(":") && !$0.hasPrefix(" ") }
    #expect(
      headings == [
        "ARGUMENTS:", "CONNECTION OPTIONS:", "TLS OPTIONS:", "CALL OPTIONS:", "OUTPUT OPTIONS:",
        "OPTIONS:", "EXAMPLES:",
      ])
    #expect(help.contains("\n    rg \(command[0]) ") || help.contains("| rg \(command[0]) "))
  }

  @Test(arguments: [["completions"], ["man"], ["serve"]])
  func otherCommandsShowExamples(_ command: [String]) throws {
    let help = try rgOutput(command + ["--help"])
    #expect(help.contains("\nEXAMPLES:\n"))
    #expect(help.contains("\n    rg \(command[0])"))
  }

  @Test func helpSubcommandShowsTheSameText() throws {
    #expect(try rgOutput(["help", "record"]) == rgOutput(["record", "--help"]))
    #expect(try rgOutput(["help"]) == rgOutput(["--help"]))
  }

  @Test(arguments: [60, 100])
  func terminalHelpIsWrappedToItsWidth(columns: Int) throws {
    let onTerminal = try Self.helpOnTerminal(["get"], columns: columns)
    let prose = Self.proseLines(onTerminal)
    #expect(prose.allSatisfy { $0.count <= columns }, "\(onTerminal)")
    // Wrapping fills lines, so some come close to the edge, past where 80 columns would end
    // when the terminal is wider.
    let longest = prose.map(\.count).max() ?? 0
    #expect(longest > columns - 10, "\(onTerminal)")
    #expect(onTerminal != (try rgOutput(["get", "--help"])))
  }

  /// Lines other than example command lines, which are kept whole so they can be copied.
  static func proseLines(_ help: String) -> [Substring] {
    var inExamples = false
    var lines: [Substring] = []
    for line in help.split(separator: "\n") {
      if !line.hasPrefix(" ") { inExamples = line == "EXAMPLES:" }
      if inExamples && line.hasPrefix("    ") { continue }
      lines.append(line)
    }
    return lines
  }

  /// `rg --help` with stdout on a pseudo-terminal of `columns` columns, made by script(1).
  static func helpOnTerminal(_ command: [String], columns: Int) throws -> String {
    let words = ([RepoPaths.rgBinary] + command + ["--help"]).joined(separator: " ")
    let result = try Subprocess.run(
      "/usr/bin/script", ["-qec", "stty cols \(columns) rows 50; exec \(words)", "/dev/null"],
      environment: ["PATH": "/usr/bin:/bin", "TERM": "dumb"], timeout: 20)
    #expect(result.status == 0, "\(result.stderrText)")
    return result.stdoutText.replacing("\r\n", with: "\n")
  }
}
