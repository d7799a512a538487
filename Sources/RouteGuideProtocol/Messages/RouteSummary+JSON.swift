extension RouteSummary: JSONMessage {
  public static let protoMessageName = "routeguide.RouteSummary"

  static let jsonFields = JSONFieldTable(
    messageName: protoMessageName,
    fields: [
      JSONFieldTable.Field("pointCount", "point_count"), .init("featureCount", "feature_count"),
      .init("distance", "distance"), .init("elapsedTime", "elapsed_time"),
    ])

  public init(json: JSONValue, options: JSONMappingOptions) throws(JSONInputError) {
    self.init()
    try Self.jsonFields.forEachField(of: json, path: "", options: options) {
      (field, member) throws(JSONInputError) in
      set(field, try member.value.int32(path: "", key: member.key))
    }
  }

  /// Sets the int32 field with index `field` (field number - 1).
  private mutating func set(_ field: Int, _ value: Int32) {
    switch field {
    case 0: pointCount = value
    case 1: featureCount = value
    case 2: distance = value
    default: elapsedTime = value
    }
  }

  public func writeJSON(to writer: inout JSONWriter, options: JSONMappingOptions) {
    writer.beginObject()
    // One call per field rather than a loop over an array: no allocation per message.
    write(0, pointCount, to: &writer, options)
    write(1, featureCount, to: &writer, options)
    write(2, distance, to: &writer, options)
    write(3, elapsedTime, to: &writer, options)
    writer.endObject()
  }

  private func write(
    _ field: Int, _ value: Int32, to writer: inout JSONWriter, _ options: JSONMappingOptions
  ) {
    guard value != 0 || options.emitDefaults else { return }
    writer.writeKey(Self.jsonFields.fields[field], options)
    writer.writeInt32(value)
  }

  public static func decodeFast(_ scanner: inout JSONFastScanner, options: JSONMappingOptions)
    -> RouteSummary?
  {
    guard var more = scanner.beginObject().map({ !$0 }) else { return nil }
    var summary = RouteSummary()
    var seen: UInt32 = 0
    while more {
      guard let field = scanner.field(in: jsonFields, seen: &seen), let value = scanner.int32()
      else { return nil }
      summary.set(field, value)
      guard let next = scanner.endOfMember() else { return nil }
      more = next
    }
    return summary
  }
}
