import ArgumentParsing
import TestSupport
import Testing

@Suite(.timeLimit(.minutes(5))) struct ZshCompletionGeneratorTests {
  let script = ZshCompletionGenerator(programName: "tool").render(CommandSpec(SampleRoot.self))
  let files = ZshCompletionGenerator(programName: "files").render(CommandSpec(FilesRoot.self))

  @Test func rootHandsSubcommandsToTheirFunctions() {
    #expect(script.hasPrefix("#compdef tool\n"))
    #expect(script.contains("      'fetch:Fetch things.'\n"))
    #expect(script.contains("      (fetch) _tool_fetch && ret=0 ;;\n"))
    #expect(script.contains("\n_tool_serve() {\n"))
    #expect(script.contains("'(- *)--version[Show the version and the library versions.]'"))
    #expect(script.hasSuffix("else\n  compdef _tool tool\nfi\n"))
  }

  @Test func optionsBecomeArgumentSpecs() {
    #expect(script.contains(#"'(-k --insecure)-k[Skip verification.]'"#))
    #expect(script.contains(#"'(-k --insecure)--insecure[Skip verification.]'"#))
    #expect(script.contains(#"'*-H+[Metadata.]:HEADER: '"#))
    #expect(script.contains(#"'*--header=[Metadata.]:HEADER: '"#))
    #expect(script.contains(#"'--format=[Output format.]:FORMAT:(json text)'"#))
    #expect(script.contains(#"'::ADDRESS: '"#))
    #expect(script.contains(#"'*:FILES: '"#))
    #expect(script.contains(#"'(- *)-h[Show help information.]'"#))
    #expect(!script.contains("secret"))
  }

  @Test func valuesAreCompletedByKind() {
    #expect(
      files.contains(#"--data=[The input \[or @FILE\].]:JSON|@FILE:_files_at_file "JSON|@FILE"'"#))
    #expect(files.contains(#"'--db=[A database.]:FILE:_files -g "*.json"'"#))
    #expect(files.contains(#"'--config=[A config.]:FILE:_files -g "*.(yaml|yml)"'"#))
    #expect(files.contains(#"'--out=[Where to\: it'\''s a folder.]:DIR:_files -/'"#))
    #expect(files.contains(#"':TARGET: '"#))
    #expect(files.contains(#"'*:FILES:_files'"#))
    #expect(files.contains("'send:Send files: all of them.'"))
  }

  @Test func zshAcceptsTheScript() throws {
    for text in [script, files] {
      let check = try Subprocess.run(
        "/usr/bin/zsh", ["-n", "-f"], stdin: Array(text.utf8), timeout: 10)
      #expect(check.status == 0, "\(check.stderrText)")
    }
  }

  @Test func namesFollowTheProgram() {
    let renamed = ZshCompletionGenerator(programName: "t-2")
    #expect(renamed.functionName == "_t_2")
    let text = renamed.render(CommandSpec(SampleRoot.self))
    #expect(text.hasPrefix("#compdef t-2\n"))
    #expect(text.contains("\n_t_2_fetch() {\n"))
    #expect(!text.contains("_tool"))
  }
}
