/// Reads one command's words into values by key, getopt style: `--long value`, `--long=value`,
/// `-s value`, `-svalue`, bundled short flags (`-vk`), and `--` before positionals only.
struct ArgumentScanner {
  let definitions: [ArgumentDefinition]
  private let longNames: [String: ArgumentDefinition]
  private let shortNames: [Character: ArgumentDefinition]

  init(definitions: [ArgumentDefinition]) {
    self.definitions = definitions
    var longNames: [String: ArgumentDefinition] = [:]
    var shortNames: [Character: ArgumentDefinition] = [:]
    for definition in definitions where !definition.isPositional {
      if let name = definition.longName { longNames[name] = definition }
      if let name = definition.shortName { shortNames[name] = definition }
    }
    self.longNames = longNames
    self.shortNames = shortNames
  }

  func scan(_ words: [String]) throws(ParseError) -> [String: [String]] {
    var values = ScannedValues(positionals: definitions.filter(\.isPositional))
    var index = 0
    var onlyPositionals = false
    while index < words.count {
      let word = words[index]
      index += 1
      if onlyPositionals || word == "-" || !word.hasPrefix("-") {
        try values.addPositional(word)
      } else if word == "--" {
        onlyPositionals = true
      } else if word.hasPrefix("--") {
        try scanLong(word, words: words, index: &index, into: &values)
      } else {
        try scanShort(word, words: words, index: &index, into: &values)
      }
    }
    try values.checkRequiredPositionals()
    return values.byKey
  }

  private func scanLong(
    _ word: String, words: [String], index: inout Int, into values: inout ScannedValues
  ) throws(ParseError) {
    let body = word.dropFirst(2)
    let equals = body.firstIndex(of: "=")
    let name = String(equals.map { body[..<$0] } ?? body)
    guard let definition = longNames[name] else {
      throw .unknownOption("--" + name, suggestion: suggestion(for: "--" + name))
    }
    let inline = equals.map { String(body[body.index(after: $0)...]) }
    if definition.kind == .flag {
      guard inline == nil else { throw .unexpectedValue(definition) }
      try values.record(definition, "")
    } else {
      if let inline {
        try values.record(definition, inline)
      } else {
        try values.record(definition, nextValue(for: definition, words: words, index: &index))
      }
    }
  }

  private func scanShort(
    _ word: String, words: [String], index: inout Int, into values: inout ScannedValues
  ) throws(ParseError) {
    let letters = Array(word.dropFirst())
    for (position, letter) in letters.enumerated() {
      guard let definition = shortNames[letter] else {
        // `-timeout` is more likely a missing dash than a bundle of short flags.
        let whole = position == 0 && letters.count > 1 ? suggestion(for: "-" + word) : nil
        throw .unknownOption("-" + String(letter), suggestion: whole)
      }
      if definition.kind == .flag {
        try values.record(definition, "")
        continue
      }
      let rest = String(letters[(position + 1)...])
      if rest.isEmpty {
        try values.record(definition, nextValue(for: definition, words: words, index: &index))
      } else {
        try values.record(definition, rest)
      }
      return
    }
  }

  private func nextValue(
    for definition: ArgumentDefinition, words: [String], index: inout Int
  ) throws(ParseError) -> String {
    guard index < words.count, !isOption(words[index]) else { throw .missingValue(definition) }
    index += 1
    return words[index - 1]
  }

  /// Whether a word after an option is another option rather than its value; values may start
  /// with a dash (`-d -`, a negative number) as long as they do not name a known option.
  private func isOption(_ word: String) -> Bool {
    if word == "--" { return true }
    if word.hasPrefix("--") {
      let name = word.dropFirst(2).split(separator: "=", maxSplits: 1).first.map(String.init)
      return longNames[name ?? ""] != nil
    }
    guard word.hasPrefix("-"), let letter = word.dropFirst().first else { return false }
    return shortNames[letter] != nil
  }

  private func suggestion(for word: String) -> String? {
    let names = definitions.filter { !$0.isHidden }.compactMap(\.longName).map { "--" + $0 }
    return Suggestion.nearest(to: word, among: names)
  }
}

/// Values collected so far, and which positional the next bare word fills.
private struct ScannedValues {
  var byKey: [String: [String]] = [:]
  let positionals: [ArgumentDefinition]
  var nextPositional = 0

  init(positionals: [ArgumentDefinition]) {
    self.positionals = positionals
  }

  mutating func record(_ definition: ArgumentDefinition, _ value: String) throws(ParseError) {
    let previous = byKey[definition.key] ?? []
    if definition.repetition == .once, !previous.isEmpty { throw .repeated(definition) }
    byKey[definition.key] = previous + [value]
  }

  mutating func addPositional(_ word: String) throws(ParseError) {
    guard nextPositional < positionals.count else { throw .unexpectedArgument(word) }
    let definition = positionals[nextPositional]
    byKey[definition.key, default: []].append(word)
    if definition.repetition != .accumulate { nextPositional += 1 }
  }

  func checkRequiredPositionals() throws(ParseError) {
    for definition in positionals where !definition.isOptional && byKey[definition.key] == nil {
      throw .missingArgument(definition)
    }
  }
}
