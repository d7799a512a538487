import ArgumentParsing
import Testing

@testable import rg

@Suite struct MainTests {
  @Test func rootListsEverySubcommandAndHelp() {
    let root = CommandSpec(RGCommand.self)
    #expect(
      root.subcommands.map(\.name) == [
        "get", "list", "record", "chat", "health", "describe", "serve", "completions", "man",
        "help",
      ])
  }

  @Test func versionAndHelp() {
    guard case .version(let text) = parseRG(["--version"]) else {
      Issue.record("no version")
      return
    }
    #expect(text == RGVersion.text)
    guard case .help(let command) = parseRG(["help", "record"]) else {
      Issue.record("no help")
      return
    }
    #expect(command.path == ["rg", "record"])
  }

  @Test func everyExampleParses() {
    for command in CommandSpec(RGCommand.self).allCommands {
      for example in command.configuration.examples {
        let invocations = shellSegments(example.command).filter { $0.first == "rg" }
        #expect(!invocations.isEmpty, "\(example.command)")
        for words in invocations {
          #expect(usageError(Array(words.dropFirst())) == nil, "\(example.command)")
        }
      }
    }
  }

  /// Splits a simple shell line into the words of each command between `|` and `&`.
  func shellSegments(_ line: String) -> [[String]] {
    var segments: [[String]] = [[]]
    var word = ""
    var quote: Character?
    var inWord = false
    for character in line {
      if let open = quote {
        if character == open { quote = nil } else { word.append(character) }
      } else if character == "'" || character == "\"" {
        quote = character
        inWord = true
      } else if character == " " || character == "|" || character == "&" {
        if inWord { segments[segments.count - 1].append(word) }
        word = ""
        inWord = false
        if character != " " { segments.append([]) }
      } else {
        word.append(character)
        inWord = true
      }
    }
    if inWord { segments[segments.count - 1].append(word) }
    return segments.filter { !$0.isEmpty }
  }
}
