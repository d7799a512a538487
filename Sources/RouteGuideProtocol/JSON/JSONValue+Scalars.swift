extension JSONValue {
  /// The value of an int32 field: a JSON number or a string holding one, whole and in range.
  /// `path` and `key` name the field for errors.
  func int32(path: String, key: String) throws(JSONInputError) -> Int32 {
    let field = joined(path, key)
    switch kind {
    case .number(var text):
      let result = text.withUTF8 { JSONNumberText.int32($0) }
      return try int32(result, shown: JSONValue.short(text), field: field)
    case .string(var text):
      let result: JSONNumberText.Int32Conversion? = text.withUTF8 {
        JSONNumberText.problem(in: $0) == nil ? JSONNumberText.int32($0) : nil
      }
      guard let result else { throw error("\(field): \(quoted(text)) is not a valid int32") }
      return try int32(result, shown: quoted(text), field: field)
    default:
      throw error(
        "\(field): expected an int32 (a number or a numeric string), got \(kindDescription)")
    }
  }

  private func int32(
    _ result: JSONNumberText.Int32Conversion, shown: String, field: String
  ) throws(JSONInputError) -> Int32 {
    switch result {
    case .value(let value): return value
    case .notInteger: throw error("\(field): \(shown) is not an integer")
    case .outOfRange: throw error("\(field): \(shown) is out of range for int32")
    }
  }

  /// The value of a string field.
  func string(path: String, key: String) throws(JSONInputError) -> String {
    guard case .string(let text) = kind else {
      throw error("\(joined(path, key)): expected a string, got \(kindDescription)")
    }
    return text
  }

  /// Number text cut short for messages.
  private static func short(_ text: String) -> String {
    text.utf8.count <= 40 ? text : String(decoding: text.utf8.prefix(40), as: UTF8.self) + "…"
  }
}
