/// The fields of a message as JSON names them: matches object members to field numbers.
struct JSONFieldTable: Sendable {
  /// A field's lowerCamelCase JSON name and original proto name; both are accepted on input.
  /// Static strings: matching and writing them costs no allocation or reference counting.
  struct Field: Sendable {
    let json: StaticString
    let proto: StaticString

    init(_ json: StaticString, _ proto: StaticString) {
      self.json = json
      self.proto = proto
    }

    /// Whether raw key bytes spell either name of this field.
    func matches(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
      Self.equal(key, json) || Self.equal(key, proto)
    }

    func matches(_ key: String) -> Bool {
      var key = key
      return key.withUTF8 { matches($0) }
    }

    private static func equal(_ key: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
      guard key.count == name.utf8CodeUnitCount else { return false }
      let bytes = name.utf8Start
      for index in 0..<key.count where key[index] != bytes[index] { return false }
      return true
    }
  }

  let messageName: String
  let fields: [Field]

  /// Calls `body` with the index of each field `value` (which must be an object) sets, and its
  /// member, in input order. Null values are skipped, and so are unknown names when that is
  /// allowed; other unknown names and a field given twice under its two names are rejected.
  /// `path` names the field holding `value` ("" at the top level).
  func forEachField(
    of value: JSONValue, path: String, options: JSONMappingOptions,
    _ body: (Int, JSONMember) throws(JSONInputError) -> Void
  ) throws(JSONInputError) {
    guard case .object(let members) = value.kind else {
      throw value.error(
        prefixed(path, "expected a JSON object for \(messageName), got \(value.kindDescription)"))
    }
    var seen: UInt32 = 0
    for index in members.indices {
      if let field = try field(of: members, at: index, seen: &seen, path: path, options: options) {
        try body(field, members[index])
      }
    }
  }

  /// The index of the field `members[index]` names; nil to skip it.
  private func field(
    of members: [JSONMember], at index: Int, seen: inout UInt32, path: String,
    options: JSONMappingOptions
  ) throws(JSONInputError) -> Int? {
    let member = members[index]
    guard let field = fields.firstIndex(where: { $0.matches(member.key) })
    else {
      if options.allowUnknownFields { return nil }
      throw member.error(
        prefixed(path, "unknown field \(quoted(member.key)) in \(messageName)"))
    }
    let bit: UInt32 = 1 << UInt32(field)
    if seen & bit != 0 {
      let earlier = members[..<index].first { fields[field].matches($0.key) }
      let also = earlier.map { " (also given as \(quoted($0.key)))" } ?? ""
      throw member.error(prefixed(path, "duplicate field \(quoted(member.key))\(also)"))
    }
    seen |= bit
    if case .null = member.value.kind { return nil }
    return field
  }
}
