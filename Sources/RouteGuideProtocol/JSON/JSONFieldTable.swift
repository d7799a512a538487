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

  /// The object members of `value`, which must be an object; `path` names the field holding it.
  func members(of value: JSONValue, path: String) throws(JSONInputError) -> [JSONMember] {
    guard case .object(let members) = value.kind else {
      throw value.error(
        prefixed(path, "expected a JSON object for \(messageName), got \(value.kindDescription)"))
    }
    return members
  }

  /// The index of the field `members[index]` names; nil to skip it (null, or unknown when that is
  /// allowed). Rejects unknown names and a field given twice under its two names.
  func field(
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
