extension Rectangle: JSONMessage {
  public static let protoMessageName = "routeguide.Rectangle"

  static let jsonFields = JSONFieldTable(
    messageName: protoMessageName, fields: [JSONFieldTable.Field("lo", "lo"), .init("hi", "hi")])

  public init(json: JSONValue, options: JSONMappingOptions) throws(JSONInputError) {
    self.init()
    try Self.jsonFields.forEachField(of: json, path: "", options: options) {
      (field, member) throws(JSONInputError) in
      switch field {
      case 0: lo = try Point(json: member.value, options: options, path: member.key)
      case 1: hi = try Point(json: member.value, options: options, path: member.key)
      default: break
      }
    }
  }

  public func writeJSON(to writer: inout JSONWriter, options: JSONMappingOptions) {
    let fields = Self.jsonFields.fields
    writer.beginObject()
    if let lo {
      writer.writeKey(fields[0], options)
      lo.writeJSON(to: &writer, options: options)
    }
    if let hi {
      writer.writeKey(fields[1], options)
      hi.writeJSON(to: &writer, options: options)
    }
    writer.endObject()
  }

  public static func decodeFast(_ scanner: inout JSONFastScanner, options: JSONMappingOptions)
    -> Rectangle?
  {
    guard var more = scanner.beginObject().map({ !$0 }) else { return nil }
    var rectangle = Rectangle()
    var seen: UInt32 = 0
    while more {
      let field = scanner.field(in: jsonFields, seen: &seen)
      guard field == 0 || field == 1, let point = Point.decodeFast(&scanner, options: options)
      else { return nil }
      if field == 0 { rectangle.lo = point } else { rectangle.hi = point }
      guard let next = scanner.endOfMember() else { return nil }
      more = next
    }
    return rectangle
  }
}
