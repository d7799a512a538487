import RouteGuideProtocol

/// `rg describe --format json`: one compact JSON object per symbol, for scripts.
///
/// Type names are full names without the leading dot (`routeguide.Point`); a method says its
/// call shape as rg names them (`unary`, `serverStreaming`, `clientStreaming`, `bidiStreaming`).
enum DescribeJSON {
  /// `{"name":"routeguide.RouteGuide","kind":"service"}`: one line of the service list.
  static func service(named name: String) -> [UInt8] {
    object { writer in
      member("name", name, &writer)
      member("kind", "service", &writer)
    }
  }

  /// The symbol's definition.
  static func symbol(_ symbol: DescriptorPool.Symbol, pool: DescriptorPool) -> [UInt8] {
    object { writer in
      member("name", symbol.fullName, &writer)
      member("kind", kind(of: symbol.definition), &writer)
      member("file", symbol.file, &writer)
      switch symbol.definition {
      case .message(let message):
        messageMembers(message, fullName: symbol.fullName, pool: pool, &writer)
      case .enumType(let enumType):
        valuesMember(enumType, &writer)
      case .service(let service):
        array("methods", service.methods, &writer) { method, writer in
          writer.beginObject()
          member("name", method.name, &writer)
          methodMembers(method, service: symbol.fullName, &writer)
          writer.endObject()
        }
      case .method(let method, let service):
        methodMembers(method, service: service, &writer)
      case .field(let field, _):
        fieldMembers(field, pool: pool, &writer)
      case .enumValue(let value, let enumType):
        member("enum", enumType, &writer)
        writer.writeKey("number")
        writer.writeInt32(value.number)
      }
    }
  }

  private static func kind(of definition: DescriptorPool.Definition) -> String {
    switch definition {
    case .message: "message"
    case .enumType: "enum"
    case .service: "service"
    case .method: "method"
    case .field: "field"
    case .enumValue: "enumValue"
    }
  }

  private static func methodMembers(
    _ method: MethodDescriptorProto, service: String, _ writer: inout JSONWriter
  ) {
    member("path", "/\(service)/\(method.name)", &writer)
    member("shape", method.shape.rawValue, &writer)
    member("requestType", bare(method.inputType), &writer)
    member("responseType", bare(method.outputType), &writer)
  }

  private static func messageMembers(
    _ message: DescriptorProto, fullName: String, pool: DescriptorPool,
    _ writer: inout JSONWriter
  ) {
    array("fields", message.fields, &writer) { field, writer in
      writer.beginObject()
      member("name", field.name, &writer)
      fieldMembers(field, pool: pool, &writer)
      if let index = field.oneofIndex, !field.proto3Optional,
        message.oneofNames.indices.contains(Int(index))
      {
        member("oneof", message.oneofNames[Int(index)], &writer)
      }
      writer.endObject()
    }
    let nested = message.nestedTypes.filter { !$0.isMapEntry }.map { "\(fullName).\($0.name)" }
    if !nested.isEmpty { array("messages", nested, &writer) { $1.writeString($0) } }
    let enums = message.enumTypes.map { "\(fullName).\($0.name)" }
    if !enums.isEmpty { array("enums", enums, &writer) { $1.writeString($0) } }
  }

  /// `"number":1,"type":"int32","jsonName":"latitude"` and, when they apply, `"label"`,
  /// `"typeName"`, `"keyType"`/`"valueType"` (maps).
  private static func fieldMembers(
    _ field: FieldDescriptorProto, pool: DescriptorPool, _ writer: inout JSONWriter
  ) {
    writer.writeKey("number")
    writer.writeInt32(field.number)
    if let entry = pool.message(field.typeName), entry.isMapEntry, field.label == .repeated,
      entry.fields.count == 2
    {
      member("type", "map", &writer)
      member("keyType", typeName(entry.fields[0]), &writer)
      member("valueType", typeName(entry.fields[1]), &writer)
    } else {
      member("type", field.type.description, &writer)
      if field.type.isNamed { member("typeName", field.typeFullName, &writer) }
      if field.label == .repeated { member("label", "repeated", &writer) }
      if field.label == .required { member("label", "required", &writer) }
      if field.proto3Optional { member("label", "optional", &writer) }
    }
    if !field.jsonName.isEmpty { member("jsonName", field.jsonName, &writer) }
  }

  private static func valuesMember(_ enumType: EnumDescriptorProto, _ writer: inout JSONWriter) {
    array("values", enumType.values, &writer) { value, writer in
      writer.beginObject()
      member("name", value.name, &writer)
      writer.writeKey("number")
      writer.writeInt32(value.number)
      writer.endObject()
    }
  }

  private static func typeName(_ field: FieldDescriptorProto) -> String {
    field.type.isNamed ? field.typeFullName : field.type.description
  }

  private static func bare(_ name: String) -> String {
    name.hasPrefix(".") ? String(name.dropFirst()) : name
  }

  private static func object(_ body: (inout JSONWriter) -> Void) -> [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    body(&writer)
    writer.endObject()
    writer.bytes.append(0x0A)
    return writer.bytes
  }

  private static func member(_ key: String, _ value: String, _ writer: inout JSONWriter) {
    writer.writeKey(key)
    writer.writeString(value)
  }

  private static func array<Element>(
    _ key: String, _ elements: [Element], _ writer: inout JSONWriter,
    _ write: (Element, inout JSONWriter) -> Void
  ) {
    writer.writeKey(key)
    writer.beginArray()
    for element in elements {
      writer.separateElement()
      write(element, &writer)
    }
    writer.endArray()
  }
}
