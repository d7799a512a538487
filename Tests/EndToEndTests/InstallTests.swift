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
  /// without the toolchain; with the Makefile's default STATIC_C_LIBS=1 it also carries OpenSSL,
  /// nghttp2 and zlib and needs nothing but glibc, and still finds its certificates and names.
  /// `make test` builds it first and names it in RG_RELEASE_BINARY, so the suite itself never
  /// runs a release build.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["RG_RELEASE_BINARY"] != nil))
  func releaseInstallRunsWithoutTheToolchain() throws {
    let environment = ProcessInfo.processInfo.environment
    let release = try #require(environment["RG_RELEASE_BINARY"])
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
    let needed = try Self.neededLibraries(binary)
    #expect(!needed.contains { $0.hasPrefix("libswift") }, "\(needed)")
    if environment["RG_RELEASE_STATIC_C_LIBS"] == "1" {
      #expect(needed.isSubset(of: ["libc.so.6", "libm.so.6", "ld-linux-x86-64.so.2"]), "\(needed)")
    } else {
      #expect(needed.contains("libnghttp2.so.14"), "\(needed)")
      #expect(needed.contains("libz.so.1"), "\(needed)")
    }
    let call = try Subprocess.run(
      "/usr/bin/env", ["-i", binary, "get", "--dry-run", "-d", #"{"latitude": 1}"#])
    #expect(call.stdoutText == "/routeguide.RouteGuide/GetFeature 00000000020801\n")

    // A real call over TLS, server and client both the installed binary: the linked-in OpenSSL
    // must load the CA file, verify the name and negotiate h2; glibc must resolve `localhost`.
    let certificates = try TestCertificates.shared()
    let server = try ServerProcess(
      binary,
      [
        "serve", "--port", "0", "--tls-cert", certificates.serverCertificate, "--tls-key",
        certificates.serverKey, "--compress", "gzip",
      ])
    defer { server.stop() }
    let get = try Subprocess.run(
      "/usr/bin/env",
      [
        "-i", binary, "get", "--cacert", certificates.caCertificate, "localhost:\(server.port)",
        "-d", #"{"latitude": 409146138, "longitude": -746188906}"#,
      ], timeout: 20)
    #expect(get.status == 0, "\(get.stderrText)")
    #expect(get.stdoutText.hasPrefix(#"{"name":"Berkshire Valley Management Area Trail"#))

    // The linked-in zlib, both ways: two notes that compress, the second answered with the
    // first, each direction with fewer bytes on the wire than in the messages.
    let note = #"{"location":{"latitude":1},"message":"\#(String(repeating: "zlib ", count: 40))"}"#
    let chat = try Subprocess.run(
      "/usr/bin/env",
      [
        "-i", binary, "chat", "-v", "--compress", "deflate", "--cacert",
        certificates.caCertificate, "localhost:\(server.port)", "-d", note + note,
      ], timeout: 20)
    #expect(chat.status == 0, "\(chat.stderrText)")
    #expect(chat.stdoutText == note + "\n")
    let traffic =
      ClientCompressionTests.traffic(chat.stderrText, "sent")
      + ClientCompressionTests.traffic(chat.stderrText, "received")
    #expect(traffic.map(\.encoding) == ["deflate", "gzip"], "\(chat.stderrText)")
    #expect(traffic.allSatisfy { $0.wire < $0.bytes / 2 }, "\(chat.stderrText)")
  }

  /// STATIC_C_LIBS=0 (the README's choice for following libssl3 updates) keeps the archives'
  /// folder, and with it the static C libraries, out of the release link; by default it is in.
  /// The release test above checks what the default link produces.
  @Test func staticCLibrariesAreAChoice() throws {
    func releaseCommand(_ arguments: [String]) throws -> String {
      let plan = try Subprocess.run(
        "/usr/bin/make", ["-s", "-n", "-C", RepoPaths.root, "release"] + arguments, timeout: 30)
      #expect(plan.status == 0, "\(plan.stderrText)")
      return plan.stdoutLines.first { $0.hasPrefix("swift build ") } ?? ""
    }
    let archives = "-Xlinker -L\(RepoPaths.root)/.build-static-libs"
    let byDefault = try releaseCommand([])
    #expect(byDefault.contains(archives), "\(byDefault)")
    #expect(byDefault.contains("--symbol-ordering-file=\(StartupOrderTests.orderFile)"))
    let shared = try releaseCommand(["STATIC_C_LIBS=0"])
    #expect(shared.hasPrefix("swift build -c release --static-swift-stdlib"), "\(shared)")
    #expect(!shared.contains(".build-static-libs"), "\(shared)")
    #expect(!shared.contains("-static-libgcc"), "\(shared)")
  }

  /// The shared libraries an ELF file names as NEEDED.
  static func neededLibraries(_ binary: String) throws -> Set<String> {
    let dynamic = try Subprocess.run("/usr/bin/readelf", ["-d", binary]).stdoutText
    var names: Set<String> = []
    for line in dynamic.split(separator: "\n") where line.contains("(NEEDED)") {
      guard let open = line.firstIndex(of: "["), let close = line.lastIndex(of: "]") else {
        continue
      }
      names.insert(String(line[line.index(after: open)..<close]))
    }
    return names
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
