extension JSONValue {
  /// The elements of a repeated field's array.
  func elements(path: String, key: String) throws(JSONInputError) -> [JSONValue] {
    guard case .array(let elements) = kind else {
      throw error("\(joined(path, key)): expected an array, got \(kindDescription)")
    }
    return elements
  }

  /// The value of a bytes field: base64 (standard or URL-safe, padding optional) as proto3
  /// JSON writes it.
  func bytes(path: String, key: String) throws(JSONInputError) -> [UInt8] {
    let text = try string(path: path, key: key)
    let standard = String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
    guard let bytes = Base64.decode(standard) else {
      throw error("\(joined(path, key)): \(quoted(text)) is not base64")
    }
    return bytes
  }
}
