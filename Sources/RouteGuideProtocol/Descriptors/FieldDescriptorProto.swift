/// `google.protobuf.FieldDescriptorProto`: one field of a message, the parts rg reads.
public struct FieldDescriptorProto: Hashable, Sendable {
  /// `FieldDescriptorProto.Label`.
  public enum Label: Int32, Sendable {
    case optional = 1
    case required = 2
    case repeated = 3
  }

  public var name: String
  public var number: Int32
  /// nil when the descriptor does not say (or says a number protobuf does not have).
  public var label: Label?
  public var type: FieldType
  /// For message and enum fields: the full name, as protoc writes it with a leading dot
  /// (`.routeguide.Point`).
  public var typeName: String
  /// The index of the oneof in the message's `oneofDecl`, for a member of one.
  public var oneofIndex: Int32?
  public var jsonName: String
  /// A proto3 `optional` field (its oneof is synthetic, not written in the source).
  public var proto3Optional: Bool

  public init(
    name: String = "", number: Int32 = 0, label: Label? = .optional,
    type: FieldType = FieldType(rawValue: 0), typeName: String = "", oneofIndex: Int32? = nil,
    jsonName: String = "", proto3Optional: Bool = false
  ) {
    self.name = name
    self.number = number
    self.label = label
    self.type = type
    self.typeName = typeName
    self.oneofIndex = oneofIndex
    self.jsonName = jsonName
    self.proto3Optional = proto3Optional
  }

  /// `typeName` without its leading dot.
  public var typeFullName: String {
    typeName.hasPrefix(".") ? String(typeName.dropFirst()) : typeName
  }
}

extension FieldDescriptorProto: ProtobufMessage {
  public init() { self.init(label: nil) }

  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: name = try reader.readString(tag)
      case 3: number = try reader.readInt32(tag)
      case 4: label = Label(rawValue: try reader.readInt32(tag))
      case 5: type = FieldType(rawValue: try reader.readInt32(tag))
      case 6: typeName = try reader.readString(tag)
      case 9: oneofIndex = try reader.readInt32(tag)
      case 10: jsonName = try reader.readString(tag)
      case 17: proto3Optional = try reader.readBool(tag)
      default: try reader.skip(tag)
      }
    }
  }

  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    writer.writeStringField(1, name)
    writer.writeInt32Field(3, number)
    if let label { writer.writeInt32Field(4, label.rawValue) }
    writer.writeInt32Field(5, type.rawValue)
    writer.writeStringField(6, typeName)
    if let oneofIndex {
      writer.writeTag(field: 9, wireType: .varint)
      writer.writeVarint(UInt64(bitPattern: Int64(oneofIndex)))
    }
    writer.writeStringField(10, jsonName)
    writer.writeBoolField(17, proto3Optional)
  }
}
