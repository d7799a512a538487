import Foundation
import TestSupport
import Testing

/// The completion scripts `rg completions` prints: the committed copies match them, and the
/// real shells complete with them.
@Suite(.timeLimit(.minutes(2))) struct CompletionTests {
  static let subcommands: Set = [
    "get", "list", "record", "chat", "health", "describe", "serve", "completions", "man",
    "help",
  ]

  @Test(arguments: [("bash", "Completions/rg.bash"), ("zsh", "Completions/_rg")])
  func committedScriptIsTheGeneratedOne(shell: String, path: String) throws {
    let generated = try rgOutput(["completions", shell])
    let committed = try String(contentsOfFile: RepoPaths.root + "/" + path, encoding: .utf8)
    #expect(
      committed == generated, "\(path) is out of date: run `make generated` and commit it")
  }

  @Test func namedScriptsCompleteThatName() throws {
    let bash = try rgOutput(["completions", "bash", "--name", "grg"])
    #expect(bash.hasSuffix("complete -F _grg grg\n"))
    #expect(!bash.contains("_rg_"))
    let zsh = try rgOutput(["completions", "zsh", "--name", "grg"])
    #expect(zsh.hasPrefix("#compdef grg\n"))
    #expect(!zsh.contains("_rg_"))
    let bad = try Subprocess.run(RepoPaths.rgBinary, ["completions", "fish"])
    #expect(bad.status == 2)
  }

  @Test func bashCompletes() throws {
    let files = try CompletionFiles()
    let cases =
      Self.commonCases + [
        ("rg get -d ", []),
        ("rg get --key=certs/cl", ["certs/client.key"]),
        // bash-completion takes @ out of COMP_WORDBREAKS, so the @ is part of the word.
        ("rg get -d @certs/", ["@certs/ca.pem", "@certs/client.key"]),
        ("rg get -kd @certs/c", ["@certs/ca.pem", "@certs/client.key"]),
        ("rg get --timeout 5s ", Self.getOptions),
      ]
    let script = try rgOutput(["completions", "bash"])
    let results = try ShellCompletionHarness.bash(
      script: script, function: "_rg", lines: cases.map(\.0), in: files.directory.path)
    try #require(results.count == cases.count)
    for (index, (line, expected)) in cases.enumerated() {
      #expect(Set(results[index].map(Self.withoutSlash)) == Set(expected), "bash: \(line)")
    }
  }

  /// A bash without the bash-completion package (`bash --norc`, minimal systems, containers):
  /// the script must not call its functions blindly, and still completes.
  @Test func bashCompletesWithoutBashCompletion() throws {
    let files = try CompletionFiles()
    let cases =
      Self.commonCases + [
        ("rg get --key=certs/cl", ["certs/client.key"]),
        ("rg get --cacert=", ["certs", "db.json", "notes.txt", "sub"]),
        // Plain bash keeps @ a word break: the candidates replace only the text after it.
        ("rg get -d @certs/", ["certs/ca.pem", "certs/client.key"]),
        ("rg get -kd @certs/c", ["certs/ca.pem", "certs/client.key"]),
        ("rg get --timeout 5s ", Self.getOptions),
        ("rg serve --db s", ["sub"]),
      ]
    let script = try rgOutput(["completions", "bash"])
    let results = try ShellCompletionHarness.bash(
      script: script, function: "_rg", lines: cases.map(\.0), in: files.directory.path,
      bashCompletion: false)
    try #require(results.count == cases.count)
    for (index, (line, expected)) in cases.enumerated() {
      #expect(Set(results[index].map(Self.withoutSlash)) == Set(expected), "plain bash: \(line)")
    }
  }

  @Test func zshCompletes() throws {
    let files = try CompletionFiles()
    let cases =
      Self.commonCases + [
        ("rg get -d ", []),
        ("rg get --key=certs/cl", ["--key=certs/client.key"]),
        ("rg get -d @certs/", ["@certs/ca.pem", "@certs/client.key"]),
        ("rg get -kd @certs/c", ["@certs/ca.pem", "@certs/client.key"]),
      ]
    let script = try rgOutput(["completions", "zsh"])
    let results = try ShellCompletionHarness.zsh(
      script: script, name: "rg", lines: cases.map(\.0), in: files.directory.path)
    try #require(results.count == cases.count)
    for (index, (line, expected)) in cases.enumerated() {
      #expect(Set(results[index].map(Self.withoutSlash)) == Set(expected), "zsh: \(line)")
    }
  }

  static let getOptions: Set = [
    "--plaintext", "--connect-timeout", "--authority", "--keepalive", "--keepalive-timeout",
    "--proxy", "--no-proxy", "--wait-for-ready", "-k",
    "--insecure", "--cacert", "--cert",
    "--key", "--servername", "-d", "--data", "-H", "--header", "--timeout", "--max-msg-size",
    "--compress", "--allow-unknown-fields", "--concurrency", "--keep-going", "--dry-run",
    "--format", "--errors", "--emit-defaults", "--proto-names",
    "-v", "--verbose", "-h", "--help",
  ]

  /// Lines both shells complete the same way.
  static let commonCases: [(String, Set<String>)] = [
    ("rg ", subcommands),
    ("rg co", ["completions"]),
    ("rg get --c", ["--cacert", "--cert", "--compress", "--concurrency", "--connect-timeout"]),
    ("rg list --c", ["--cacert", "--cert", "--compress", "--connect-timeout"]),
    ("rg chat --compress ", ["identity", "gzip", "deflate"]),
    ("rg serve --compress g", ["gzip"]),
    ("rg get -", getOptions),
    ("rg chat --p", ["--plaintext", "--proto-names", "--proxy"]),
    (
      "rg serve --",
      [
        "--bind", "--port", "--db", "--tls-cert", "--tls-key", "--max-concurrent-streams",
        "--max-msg-size", "--max-connections", "--max-connection-idle", "--min-ping-interval",
        "--compress", "--shared-chat", "--threads", "--help",
      ]
    ),
    ("rg completions ", ["bash", "zsh"]),
    ("rg describe --f", ["--format"]),
    ("rg describe --format ", ["text", "json"]),
    ("rg describe --ch", ["--check"]),
    ("rg completions z", ["zsh"]),
    ("rg man --", ["--name", "--help"]),
    ("rg help ", subcommands.subtracting(["help"])),
    ("rg get --cacert certs/", ["certs/ca.pem", "certs/client.key"]),
    ("rg get --cert ce", ["certs"]),
    ("rg record --key certs/ca", ["certs/ca.pem"]),
    ("rg serve --db ", ["certs", "db.json", "sub"]),
    ("rg serve --tls-cert certs/cl", ["certs/client.key"]),
    ("rg get --timeout ", []),
    ("rg -", ["--version", "-h", "--help"]),
  ]

  static func withoutSlash(_ candidate: String) -> String {
    candidate.hasSuffix("/") ? String(candidate.dropLast()) : candidate
  }
}

/// A directory with the files the file-name cases complete.
struct CompletionFiles {
  let directory: TemporaryDirectory

  init() throws {
    directory = try TemporaryDirectory()
    for folder in ["certs", "sub"] {
      try FileManager.default.createDirectory(
        atPath: directory.path + "/" + folder, withIntermediateDirectories: true)
    }
    for file in ["certs/ca.pem", "certs/client.key", "db.json", "notes.txt", "sub/x.json"] {
      try directory.write(file, "")
    }
  }
}

/// The stdout of a successful `rg` run.
func rgOutput(_ arguments: [String]) throws -> String {
  let result = try Subprocess.run(RepoPaths.rgBinary, arguments, timeout: 20)
  guard result.status == 0 else {
    throw SubprocessError("rg \(arguments) failed (\(result.status)): \(result.stderrText)")
  }
  return result.stdoutText
}
