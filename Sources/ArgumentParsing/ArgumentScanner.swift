/// Reads one command's words into values by key, getopt style: `--long value`, `--long=value`,
/// `-s value`, `-svalue`, bundled short flags (`-vk`), and `--` before positionals only.
///
/// Names are matched as text; values keep the bytes given, and must be UTF-8 unless their
/// argument `acceptsBytes`.
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

  func scan(_ words: [ArgumentWord]) throws(ParseError) -> [String: [ArgumentWord]] {
    var values = ScannedValues(positionals: definitions.filter(\.isPositional))
    var index = 0
    var onlyPositionals = false
    while index < words.count {
      let word = words[index]
      index += 1
      if onlyPositionals || word.text == "-" || !word.text.hasPrefix("-") {
        try values.addPositional(word)
      } else if word.text == "--" {
        onlyPositionals = true
      } else if word.text.hasPrefix("--") {
        try scanLong(word, words: words, index: &index, into: &values)
      } else {
        try scanShort(word, words: words, index: &index, into: &values)
      }
    }
    try values.checkRequiredPositionals()
    return values.byKey
  }

  private func scanLong(
    _ word: ArgumentWord, words: [ArgumentWord], index: inout Int,
    into values: inout ScannedValues
  ) throws(ParseError) {
    // The first `=` splits name and value; a name before it is text, the value bytes.
    let equals = word.bytes.firstIndex(of: UInt8(ascii: "="))
    let name = String(decoding: word.bytes[2..<(equals ?? word.bytes.endIndex)], as: UTF8.self)
    guard let definition = longNames[name] else {
      throw .unknownOption("--" + name, suggestion: suggestion(for: "--" + name))
    }
    let inline = equals.map { ArgumentWord(bytes: word.bytes[($0 + 1)...]) }
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
    _ word: ArgumentWord, words: [ArgumentWord], index: inout Int,
    into values: inout ScannedValues
  ) throws(ParseError) {
    let letters = Array(word.text.dropFirst())
    // Bytes of the dash and the letters so far: each letter matched a declared name, so its
    // bytes are the ones given (a U+FFFD never matches one).
    var consumed = 1
    for (position, letter) in letters.enumerated() {
      guard let definition = shortNames[letter] else {
        // `-timeout` is more likely a missing dash than a bundle of short flags.
        let whole = position == 0 && letters.count > 1 ? suggestion(for: "-" + word.text) : nil
        throw .unknownOption("-" + String(letter), suggestion: whole)
      }
      consumed += letter.utf8.count
      if definition.kind == .flag {
        try values.record(definition, "")
        continue
      }
      if consumed == word.bytes.count {
        try values.record(definition, nextValue(for: definition, words: words, index: &index))
      } else {
        try values.record(definition, ArgumentWord(bytes: word.bytes[consumed...]))
      }
      return
    }
  }

  private func nextValue(
    for definition: ArgumentDefinition, words: [ArgumentWord], index: inout Int
  ) throws(ParseError) -> ArgumentWord {
    guard index < words.count, !isOption(words[index].text) else {
      throw .missingValue(definition)
    }
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
  var byKey: [String: [ArgumentWord]] = [:]
  let positionals: [ArgumentDefinition]
  var nextPositional = 0

  init(positionals: [ArgumentDefinition]) {
    self.positionals = positionals
  }

  mutating func record(_ definition: ArgumentDefinition, _ value: ArgumentWord)
    throws(ParseError)
  {
    let previous = byKey[definition.key] ?? []
    if definition.repetition == .once, !previous.isEmpty { throw .repeated(definition) }
    try Self.checkText(value, for: definition)
    byKey[definition.key] = previous + [value]
  }

  mutating func addPositional(_ word: ArgumentWord) throws(ParseError) {
    guard nextPositional < positionals.count else { throw .unexpectedArgument(word.shown) }
    let definition = positionals[nextPositional]
    try Self.checkText(word, for: definition)
    byKey[definition.key, default: []].append(word)
    if definition.repetition != .accumulate { nextPositional += 1 }
  }

  /// Only an argument that accepts bytes may be given a value that is not UTF-8.
  static func checkText(_ value: ArgumentWord, for definition: ArgumentDefinition)
    throws(ParseError)
  {
    if !definition.acceptsBytes, value.invalidByte != nil {
      throw .invalidUTF8(definition, value)
    }
  }

  func checkRequiredPositionals() throws(ParseError) {
    for definition in positionals where !definition.isOptional && byKey[definition.key] == nil {
      throw .missingArgument(definition)
    }
  }
}
