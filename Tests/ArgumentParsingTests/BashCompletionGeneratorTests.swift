import ArgumentParsing
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(5))) struct BashCompletionGeneratorTests {
  let script = BashCompletionGenerator(programName: "tool").render(CommandSpec(SampleRoot.self))

  @Test func tablesHoldTheTree() {
    #expect(script.contains(#"    /) echo "fetch serve help" ;;"#))
    #expect(
      script.contains(
        #"    /fetch) echo "--plaintext --timeout -k --insecure -v --verbose -H --header "#
          + #"-d --data --format -h --help" ;;"#))
    // Hidden options are not offered, but their values are still skipped over.
    #expect(
      script.contains(#"    /fetch) echo "--timeout -H --header -d --data --format --secret" ;;"#))
    #expect(script.contains(#"    /serve) echo "--port" ;;"#))
  }

  @Test func valuesAreCompletedByKind() {
    #expect(
      script.contains(
        #"    "/fetch --format") COMPREPLY+=($(compgen -W "json text" -- "$cur")) ;;"#))
    #expect(script.contains(#"    "/fetch 1") ;;"#))
    // A repeated last positional takes every later position.
    #expect(script.contains(#"    "/serve "[0-9]*) ;;"#))
    #expect(!script.contains(#""/fetch --timeout")"#))
    let files = BashCompletionGenerator(programName: "files").render(CommandSpec(FilesRoot.self))
    #expect(files.contains(#"    "/send -d" | "/send --data") _files_at_file ;;"#))
    #expect(files.contains(#"    "/send --db") _files_filedir 'json' ;;"#))
    #expect(files.contains(#"    "/send --config") _files_filedir 'yaml|yml' ;;"#))
    #expect(files.contains(#"    "/send --out") _files_filedir -d ;;"#))
    #expect(files.contains(#"    "/send "[0-9]*) _files_filedir ;;"#))
  }

  @Test func functionsAreNamedAfterTheProgram() {
    #expect(script.hasSuffix("\ncomplete -F _tool tool\n"))
    let renamed = BashCompletionGenerator(programName: "my-tool.x")
    #expect(renamed.functionName == "_my_tool_x")
    let text = renamed.render(CommandSpec(SampleRoot.self))
    #expect(text.hasSuffix("\ncomplete -F _my_tool_x my-tool.x\n"))
    #expect(!text.contains("\n_tool_"))
  }

  @Test func bashAcceptsTheScript() throws {
    for text in [
      script, BashCompletionGenerator(programName: "f").render(CommandSpec(FilesRoot.self)),
    ] {
      let check = try Subprocess.run("/bin/bash", ["-n"], stdin: Array(text.utf8), timeout: 10)
      #expect(check.status == 0, "\(check.stderrText)")
    }
  }
}
