/// `google.protobuf.DescriptorProto`: a message type, with its nested types, the parts rg reads.
public struct DescriptorProto: Hashable, Sendable {
  public var name: String
  public var fields: [FieldDescriptorProto]
  public var nestedTypes: [DescriptorProto]
  public var enumTypes: [EnumDescriptorProto]
  /// The names of the message's oneofs, indexed by `FieldDescriptorProto.oneofIndex`.
  public var oneofNames: [String]
  /// `options.map_entry`: the synthetic entry type of a `map<K, V>` field.
  public var isMapEntry: Bool

  public init(
    name: String = "", fields: [FieldDescriptorProto] = [], nestedTypes: [DescriptorProto] = [],
    enumTypes: [EnumDescriptorProto] = [], oneofNames: [String] = [], isMapEntry: Bool = false
  ) {
    self.name = name
    self.fields = fields
    self.nestedTypes = nestedTypes
    self.enumTypes = enumTypes
    self.oneofNames = oneofNames
    self.isMapEntry = isMapEntry
  }
}

extension DescriptorProto: ProtobufMessage {
  /// Nesting deeper than protobuf's own parsers take (their recursion limit is 100): a hostile
  /// descriptor nested a million deep would otherwise overflow the stack.
  public static let maximumDepth = 100

  public init() { self.init(name: "") }

  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    try merge(from: &reader, depth: 1)
  }

  private mutating func merge(from reader: inout ProtobufReader, depth: Int)
    throws(ProtobufDecodingError)
  {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: name = try reader.readString(tag)
      case 2: fields.append(try Self.decode(&reader, tag, as: FieldDescriptorProto.self))
      case 3:
        guard depth < Self.maximumDepth else {
          throw ProtobufDecodingError(
            offset: tag.offset, "message types nested more than \(Self.maximumDepth) deep")
        }
        var nested = try reader.readMessage(tag)
        var message = DescriptorProto()
        try message.merge(from: &nested, depth: depth + 1)
        nestedTypes.append(message)
      case 4: enumTypes.append(try Self.decode(&reader, tag, as: EnumDescriptorProto.self))
      case 7: isMapEntry = try Self.mapEntry(&reader, tag) ?? isMapEntry
      case 8: oneofNames.append(try Self.oneofName(&reader, tag))
      default: try reader.skip(tag)
      }
    }
  }

  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    writer.writeStringField(1, name)
    for field in fields { writer.writeMessageField(2, field) }
    for nested in nestedTypes { writer.writeMessageField(3, nested) }
    for enumType in enumTypes { writer.writeMessageField(4, enumType) }
    if isMapEntry {
      var options = ProtobufWriter()
      options.writeBoolField(7, true)
      writer.writeLengthDelimited(7, options.bytes)
    }
    for name in oneofNames {
      var oneof = ProtobufWriter()
      oneof.writeStringField(1, name)
      writer.writeLengthDelimited(8, oneof.bytes)
    }
  }

  /// One embedded message of a repeated field.
  static func decode<Message: ProtobufMessage>(
    _ reader: inout ProtobufReader, _ tag: ProtobufReader.Tag, as type: Message.Type
  ) throws(ProtobufDecodingError) -> Message {
    var nested = try reader.readMessage(tag)
    var message = Message()
    try message.merge(from: &nested)
    return message
  }

  /// `MessageOptions.map_entry` (field 7) if the options set it.
  private static func mapEntry(_ reader: inout ProtobufReader, _ tag: ProtobufReader.Tag)
    throws(ProtobufDecodingError) -> Bool?
  {
    var options = try reader.readMessage(tag)
    var mapEntry: Bool?
    while let tag = try options.nextTag() {
      if tag.field == 7 { mapEntry = try options.readBool(tag) } else { try options.skip(tag) }
    }
    return mapEntry
  }

  /// `OneofDescriptorProto.name` (field 1).
  private static func oneofName(_ reader: inout ProtobufReader, _ tag: ProtobufReader.Tag)
    throws(ProtobufDecodingError) -> String
  {
    var oneof = try reader.readMessage(tag)
    var name = ""
    while let tag = try oneof.nextTag() {
      if tag.field == 1 { name = try oneof.readString(tag) } else { try oneof.skip(tag) }
    }
    return name
  }
}
