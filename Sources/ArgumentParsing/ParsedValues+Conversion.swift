extension ParsedValues {
  /// The effective value converted by `convert`; a conversion error becomes a usage error that
  /// names the argument and the text, e.g. `invalid --timeout '0s': must be greater than 0`.
  public func value<T, E: Error>(
    _ key: String, _ convert: (String) throws(E) -> T
  ) throws(ValidationError) -> T? {
    guard let (text, source) = resolved(key) else { return nil }
    return try Self.convert(text, source: source, definition: definition(key), convert)
  }

  /// The effective value of an argument whose type knows how to read itself.
  public func value<T: ArgumentConvertible>(
    _ key: String, as type: T.Type = T.self
  ) throws(ValidationError) -> T? {
    try value(key) { (text: String) throws(ValidationError) -> T in try T(argument: text) }
  }

  /// Every value given on the command line, each converted by `convert`.
  public func values<T, E: Error>(
    _ key: String, _ convert: (String) throws(E) -> T
  ) throws(ValidationError) -> [T] {
    let definition = definition(key)
    var result: [T] = []
    for text in strings(key) {
      result.append(try Self.convert(text, source: .commandLine, definition: definition, convert))
    }
    return result
  }

  private static func convert<T, E: Error>(
    _ text: String, source: Source, definition: ArgumentDefinition,
    _ convert: (String) throws(E) -> T
  ) throws(ValidationError) -> T {
    do {
      return try convert(text)
    } catch {
      let name: String
      switch source {
      case .environment(let variable): name = "$" + variable
      case .commandLine, .defaultValue: name = definition.displayName
      }
      throw ValidationError("invalid \(name) '\(text)': \(error)")
    }
  }
}
