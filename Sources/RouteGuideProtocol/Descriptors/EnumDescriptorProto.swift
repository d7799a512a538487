/// `google.protobuf.EnumDescriptorProto`: an enum type and its values.
public struct EnumDescriptorProto: Hashable, Sendable {
  /// `google.protobuf.EnumValueDescriptorProto`: one named number.
  public struct Value: Hashable, Sendable {
    public var name: String
    public var number: Int32

    public init(name: String, number: Int32) {
      self.name = name
      self.number = number
    }
  }

  public var name: String
  public var values: [Value]

  public init(name: String = "", values: [Value] = []) {
    self.name = name
    self.values = values
  }
}

extension EnumDescriptorProto: ProtobufMessage {
  public init() { self.init(name: "") }

  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: name = try reader.readString(tag)
      case 2:
        var nested = try reader.readMessage(tag)
        var value = Value(name: "", number: 0)
        while let tag = try nested.nextTag() {
          switch tag.field {
          case 1: value.name = try nested.readString(tag)
          case 2: value.number = try nested.readInt32(tag)
          default: try nested.skip(tag)
          }
        }
        values.append(value)
      default: try reader.skip(tag)
      }
    }
  }

  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    writer.writeStringField(1, name)
    for value in values {
      var nested = ProtobufWriter()
      nested.writeStringField(1, value.name)
      nested.writeInt32Field(2, value.number)
      writer.writeLengthDelimited(2, nested.bytes)
    }
  }
}
