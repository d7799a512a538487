import RouteGuideProtocol

/// A symbol's definition as .proto source, laid out as `grpcurl describe` prints it (without
/// comments: reflection answers carry no source info as rg asks).
struct ProtoSourceRenderer {
  let pool: DescriptorPool

  /// `routeguide.Point is a message:` and the definition, one string per line.
  func lines(for symbol: DescriptorPool.Symbol) -> [String] {
    // proto2 writes `optional` on singular fields; proto3 (and editions) do not.
    let syntax = pool.file(named: symbol.file)?.syntax ?? ""
    let proto2 = syntax.isEmpty || syntax == "proto2"
    switch symbol.definition {
    case .message(let message):
      return ["\(symbol.fullName) is a message:"]
        + lines(for: message, indent: "", proto2: proto2)
    case .enumType(let enumType):
      return ["\(symbol.fullName) is an enum:"] + lines(for: enumType, indent: "")
    case .service(let service):
      return ["\(symbol.fullName) is a service:", "service \(service.name) {"]
        + service.methods.map { "  " + Self.rpcLine($0) } + ["}"]
    case .method(let method, _):
      return ["\(symbol.fullName) is a method:", Self.rpcLine(method)]
    case .field(let field, _):
      return ["\(symbol.fullName) is a field:", fieldLine(field, proto2: proto2)]
    case .enumValue(let value, _):
      return ["\(symbol.fullName) is an enum value:", "\(value.name) = \(value.number);"]
    }
  }

  /// `rpc GetFeature ( .routeguide.Point ) returns ( stream .routeguide.Feature );`
  static func rpcLine(_ method: MethodDescriptorProto) -> String {
    let input = (method.clientStreaming ? "stream " : "") + method.inputType
    let output = (method.serverStreaming ? "stream " : "") + method.outputType
    return "rpc \(method.name) ( \(input) ) returns ( \(output) );"
  }

  private func lines(for message: DescriptorProto, indent: String, proto2: Bool) -> [String] {
    var lines = ["\(indent)message \(message.name) {"]
    let inner = indent + "  "
    var oneofsShown: Set<Int32> = []
    for field in message.fields {
      guard let index = field.oneofIndex, !field.proto3Optional else {
        lines.append(inner + fieldLine(field, proto2: proto2))
        continue
      }
      // A oneof shows where its first member is, with all its members.
      guard oneofsShown.insert(index).inserted else { continue }
      let names = message.oneofNames
      let name = names.indices.contains(Int(index)) ? names[Int(index)] : "oneof\(index)"
      lines.append("\(inner)oneof \(name) {")
      // Members of a oneof have no label, in proto2 too.
      for member in message.fields where member.oneofIndex == index {
        lines.append(inner + "  " + fieldLine(member, proto2: false))
      }
      lines.append(inner + "}")
    }
    for nested in message.nestedTypes where !nested.isMapEntry {
      lines += self.lines(for: nested, indent: inner, proto2: proto2)
    }
    for enumType in message.enumTypes { lines += self.lines(for: enumType, indent: inner) }
    return lines + [indent + "}"]
  }

  private func lines(for enumType: EnumDescriptorProto, indent: String) -> [String] {
    ["\(indent)enum \(enumType.name) {"]
      + enumType.values.map { "\(indent)  \($0.name) = \($0.number);" } + [indent + "}"]
  }

  /// `repeated .routeguide.Point points = 3;`, `map<string, int32> counts = 4;`
  func fieldLine(_ field: FieldDescriptorProto, proto2: Bool) -> String {
    "\(typeText(field, proto2: proto2)) \(field.name) = \(field.number);"
  }

  /// The field's type as source writes it, with its label.
  func typeText(_ field: FieldDescriptorProto, proto2: Bool) -> String {
    if let entry = mapEntry(of: field), entry.fields.count == 2 {
      return "map<\(Self.bareType(entry.fields[0])), \(Self.bareType(entry.fields[1]))>"
    }
    let label: String
    switch field.label {
    case .repeated: label = "repeated "
    case .required: label = "required "
    case .optional where field.proto3Optional: label = "optional "
    case .optional, nil: label = proto2 ? "optional " : ""
    }
    return label + Self.bareType(field)
  }

  static func bareType(_ field: FieldDescriptorProto) -> String {
    field.type.isNamed || field.type.keyword == nil ? field.typeName : field.type.description
  }

  /// The synthetic entry type of a `map<K, V>` field: repeated, nested, marked map_entry.
  private func mapEntry(of field: FieldDescriptorProto) -> DescriptorProto? {
    guard field.label == .repeated, field.type == .message,
      let entry = pool.message(field.typeName), entry.isMapEntry
    else { return nil }
    return entry
  }
}
