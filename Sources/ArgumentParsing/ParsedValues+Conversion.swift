extension ParsedValues {
  /// The effective value converted by `convert`; a conversion error becomes a usage error that
  /// names the argument and the text, e.g. `invalid --timeout '0s': must be greater than 0`.
  func value<T, E: Error>(
    _ key: String, _ convert: (String) throws(E) -> T
  ) throws(ValidationError) -> T? {
    guard let (word, source) = resolved(key) else { return nil }
    return try Self.convert(word, word.text, source: source, definition: definition(key), convert)
  }

  /// The effective value as the bytes given, converted by `convert` (for an argument that
  /// `acceptsBytes`); errors read as those of `value(_:_:)`.
  func value<T, E: Error>(
    _ key: String, bytes convert: ([UInt8]) throws(E) -> T
  ) throws(ValidationError) -> T? {
    guard let (word, source) = resolved(key) else { return nil }
    return try Self.convert(
      word, word.bytes, source: source, definition: definition(key), convert)
  }

  /// The effective value of an argument whose type knows how to read itself.
  func value<T: ArgumentConvertible>(
    _ key: String, as type: T.Type = T.self
  ) throws(ValidationError) -> T? {
    try value(key) { (text: String) throws(ValidationError) -> T in try T(argument: text) }
  }

  /// Every value given on the command line, each converted by `convert`.
  func values<T, E: Error>(
    _ key: String, _ convert: (String) throws(E) -> T
  ) throws(ValidationError) -> [T] {
    let definition = definition(key)
    var result: [T] = []
    for word in given[definition.key] ?? [] {
      result.append(
        try Self.convert(word, word.text, source: .commandLine, definition: definition, convert))
    }
    return result
  }

  /// Every value given on the command line as the bytes given, each converted by `convert`.
  func values<T, E: Error>(
    _ key: String, bytes convert: ([UInt8]) throws(E) -> T
  ) throws(ValidationError) -> [T] {
    let definition = definition(key)
    var result: [T] = []
    for word in given[definition.key] ?? [] {
      result.append(
        try Self.convert(word, word.bytes, source: .commandLine, definition: definition, convert))
    }
    return result
  }

  /// `convert(input)`; an error names the argument and shows `word` (invalid bytes as `\xFF`).
  static func convert<Input, T, E: Error>(
    _ word: ArgumentWord, _ input: Input, source: Source, definition: ArgumentDefinition,
    _ convert: (Input) throws(E) -> T
  ) throws(ValidationError) -> T {
    do {
      return try convert(input)
    } catch {
      let name: String
      switch source {
      case .environment(let variable): name = "$" + variable
      case .commandLine, .defaultValue: name = definition.displayName
      }
      throw ValidationError("invalid \(name) '\(word.shown)': \(error)")
    }
  }
}
