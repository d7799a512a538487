import Foundation
import TestSupport
import Testing

/// `make install` and `make uninstall` into a temporary PREFIX, with the test's own build as
/// the binary (RG_BINARY), so no release build runs inside the test suite.
@Suite(.timeLimit(.minutes(3))) struct InstallTests {
  @Test(arguments: ["rg", "grg"])
  func installPutsFilesWhereToolsLookAndUninstallRemovesThem(name: String) throws {
    let prefix = try TemporaryDirectory()
    // A file of someone else's in the same folders, which uninstall must leave alone.
    try FileManager.default.createDirectory(
      atPath: prefix.path + "/bin", withIntermediateDirectories: true)
    try prefix.write("bin/other", "")
    let installed = [
      "bin/\(name)", "share/bash-completion/completions/\(name)",
      "share/zsh/site-functions/_\(name)", "share/man/man1/\(name).1",
    ]
    let install = try make(["install", "PREFIX=\(prefix.path)", "NAME=\(name)"])
    #expect(install.status == 0, "\(install.stderrText)")
    #expect(Self.files(under: prefix.path) == Set(installed + ["bin/other"]))

    let version = try Subprocess.run(
      "/usr/bin/env", ["-i", prefix.path + "/bin/" + name, "--version"])
    #expect(version.status == 0, "\(version.stderrText)")
    #expect(version.stdoutText.hasPrefix("rg "))
    try expectToolsFindFiles(prefix: prefix.path, name: name)

    let uninstall = try make(["uninstall", "PREFIX=\(prefix.path)", "NAME=\(name)"])
    #expect(uninstall.status == 0, "\(uninstall.stderrText)")
    #expect(Self.files(under: prefix.path) == ["bin/other"])
  }

  /// The release binary links the Swift standard library statically, so once installed it runs
  /// without the toolchain. `make test` builds it first and names it in RG_RELEASE_BINARY, so
  /// the suite itself never runs a release build.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["RG_RELEASE_BINARY"] != nil))
  func releaseInstallRunsWithoutTheToolchain() throws {
    let release = try #require(ProcessInfo.processInfo.environment["RG_RELEASE_BINARY"])
    let prefix = try TemporaryDirectory()
    let install = try Subprocess.run(
      "/usr/bin/make",
      [
        "-s", "-C", RepoPaths.root, "install", "PREFIX=\(prefix.path)", "NAME=grg",
        "RG_BINARY=\(release)",
      ],
      timeout: 60)
    #expect(install.status == 0, "\(install.stderrText)")
    let binary = prefix.path + "/bin/grg"
    let libraries = try Subprocess.run("/usr/bin/readelf", ["-d", binary]).stdoutText
    #expect(libraries.contains("libnghttp2"))
    #expect(!libraries.contains("libswift"), "\(libraries)")
    let call = try Subprocess.run(
      "/usr/bin/env", ["-i", binary, "get", "--dry-run", "-d", #"{"latitude": 1}"#])
    #expect(call.stdoutText == "/routeguide.RouteGuide/GetFeature 00000000020801\n")
  }

  /// bash-completion, zsh's compinit and man each find the installed file by the name.
  private func expectToolsFindFiles(prefix: String, name: String) throws {
    let bash = try Subprocess.run(
      "/bin/bash",
      [
        "--norc", "-c",
        "source /usr/share/bash-completion/bash_completion; _completion_loader \(name); "
          + "complete -p \(name)",
      ],
      environment: ["PATH": "/usr/bin:/bin", "XDG_DATA_DIRS": prefix + "/share"], timeout: 20)
    #expect(bash.stdoutText == "complete -F _\(name) \(name)\n", "\(bash.stderrText)")

    let zsh = try Subprocess.run(
      "/usr/bin/zsh",
      [
        "-f", "-c",
        "fpath=(\(prefix)/share/zsh/site-functions $fpath); autoload -Uz compinit; "
          + "compinit -u -D; print -r -- $_comps[\(name)]",
      ],
      environment: ["PATH": "/usr/bin:/bin", "HOME": prefix], timeout: 20)
    #expect(zsh.stdoutText == "_\(name)\n", "\(zsh.stderrText)")

    let man = try Subprocess.run(
      "/usr/bin/man", ["-w", name],
      environment: ["PATH": "/usr/bin:/bin", "MANPATH": prefix + "/share/man"], timeout: 20)
    #expect(man.stdoutText == prefix + "/share/man/man1/\(name).1\n", "\(man.stderrText)")
  }

  private func make(_ arguments: [String]) throws -> SubprocessResult {
    try Subprocess.run(
      "/usr/bin/make", ["-s", "-C", RepoPaths.root, "RG_BINARY=\(RepoPaths.rgBinary)"] + arguments,
      timeout: 60)
  }

  /// Paths of the regular files under `root`, relative to it.
  static func files(under root: String) -> Set<String> {
    let enumerator = FileManager.default.enumerator(atPath: root)
    var files: Set<String> = []
    while let path = enumerator?.nextObject() as? String {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        files.insert(path)
      }
    }
    return files
  }
}
