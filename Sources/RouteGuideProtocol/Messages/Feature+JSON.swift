extension Feature: JSONMessage {
  public static let protoMessageName = "routeguide.Feature"

  static let jsonFields = JSONFieldTable(
    messageName: protoMessageName,
    fields: [JSONFieldTable.Field("name", "name"), .init("location", "location")])

  public init(json: JSONValue, options: JSONMappingOptions) throws(JSONInputError) {
    self.init()
    try Self.jsonFields.forEachField(of: json, path: "", options: options) {
      (field, member) throws(JSONInputError) in
      switch field {
      case 0: name = try member.value.string(path: "", key: member.key)
      case 1: location = try Point(json: member.value, options: options, path: member.key)
      default: break
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter, options: JSONMappingOptions) {
    let fields = Self.jsonFields.fields
    writer.beginObject()
    if !name.isEmpty || options.emitDefaults {
      writer.writeKey(fields[0], options)
      writer.writeString(name)
    }
    if let location {
      writer.writeKey(fields[1], options)
      location.writeJSON(to: &writer, options: options)
    }
    writer.endObject()
  }

  public static func decodeFast(_ scanner: inout JSONFastScanner, options: JSONMappingOptions)
    -> Feature?
  {
    guard var more = scanner.beginObject().map({ !$0 }) else { return nil }
    var feature = Feature()
    var seen: UInt32 = 0
    while more {
      switch scanner.field(in: jsonFields, seen: &seen) {
      case 0:
        guard let name = scanner.string() else { return nil }
        feature.name = name
      case 1:
        guard let point = Point.decodeFast(&scanner, options: options) else { return nil }
        feature.location = point
      default: return nil
      }
      guard let next = scanner.endOfMember() else { return nil }
      more = next
    }
    return feature
  }
}
