extension Point: JSONMessage {
  public static let protoMessageName = "routeguide.Point"

  static let jsonFields = JSONFieldTable(
    messageName: protoMessageName,
    fields: [JSONFieldTable.Field("latitude", "latitude"), .init("longitude", "longitude")])

  public init(json: JSONValue, options: JSONMappingOptions) throws(JSONInputError) {
    try self.init(json: json, options: options, path: "")
  }

  /// Maps a Point held by the field at `path` ("" at the top level).
  init(json: JSONValue, options: JSONMappingOptions, path: String) throws(JSONInputError) {
    self.init()
    try Self.jsonFields.forEachField(of: json, path: path, options: options) {
      (field, member) throws(JSONInputError) in
      switch field {
      case 0: latitude = try member.value.int32(path: path, key: member.key)
      case 1: longitude = try member.value.int32(path: path, key: member.key)
      default: break
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter, options: JSONMappingOptions) {
    let fields = Self.jsonFields.fields
    writer.beginObject()
    if latitude != 0 || options.emitDefaults {
      writer.writeKey(fields[0], options)
      writer.writeInt32(latitude)
    }
    if longitude != 0 || options.emitDefaults {
      writer.writeKey(fields[1], options)
      writer.writeInt32(longitude)
    }
    writer.endObject()
  }

  public static func decodeFast(_ scanner: inout JSONFastScanner, options: JSONMappingOptions)
    -> Point?
  {
    guard var more = scanner.beginObject().map({ !$0 }) else { return nil }
    var point = Point()
    var seen: UInt32 = 0
    while more {
      switch scanner.field(in: jsonFields, seen: &seen) {
      case 0: guard let value = scanner.int32() else { return nil }; point.latitude = value
      case 1: guard let value = scanner.int32() else { return nil }; point.longitude = value
      default: return nil
      }
      guard let next = scanner.endOfMember() else { return nil }
      more = next
    }
    return point
  }
}
