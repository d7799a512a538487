extension RouteNote: JSONMessage {
  public static let protoMessageName = "routeguide.RouteNote"

  static let jsonFields = JSONFieldTable(
    messageName: protoMessageName,
    fields: [JSONFieldTable.Field("location", "location"), .init("message", "message")])

  public init(json: JSONValue, options: JSONMappingOptions) throws(JSONInputError) {
    self.init()
    try Self.jsonFields.forEachField(of: json, path: "", options: options) {
      (field, member) throws(JSONInputError) in
      switch field {
      case 0: location = try Point(json: member.value, options: options, path: member.key)
      case 1: message = try member.value.string(path: "", key: member.key)
      default: break
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter, options: JSONMappingOptions) {
    let fields = Self.jsonFields.fields
    writer.beginObject()
    if let location {
      writer.writeKey(fields[0], options)
      location.writeJSON(to: &writer, options: options)
    }
    if !message.isEmpty || options.emitDefaults {
      writer.writeKey(fields[1], options)
      writer.writeString(message)
    }
    writer.endObject()
  }

  public static func decodeFast(_ scanner: inout JSONFastScanner, options: JSONMappingOptions)
    -> RouteNote?
  {
    guard var more = scanner.beginObject().map({ !$0 }) else { return nil }
    var note = RouteNote()
    var seen: UInt32 = 0
    while more {
      switch scanner.field(in: jsonFields, seen: &seen) {
      case 0:
        guard let point = Point.decodeFast(&scanner, options: options) else { return nil }
        note.location = point
      case 1:
        guard let message = scanner.string() else { return nil }
        note.message = message
      default: return nil
      }
      guard let next = scanner.endOfMember() else { return nil }
      more = next
    }
    return note
  }
}
