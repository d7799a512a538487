/// `google.protobuf.ServiceDescriptorProto`: a service and its methods.
public struct ServiceDescriptorProto: Hashable, Sendable {
  public var name: String
  public var methods: [MethodDescriptorProto]

  public init(name: String = "", methods: [MethodDescriptorProto] = []) {
    self.name = name
    self.methods = methods
  }
}

extension ServiceDescriptorProto: ProtobufMessage {
  public init() { self.init(name: "") }

  public mutating func merge(from reader: inout ProtobufReader) throws(ProtobufDecodingError) {
    while let tag = try reader.nextTag() {
      switch tag.field {
      case 1: name = try reader.readString(tag)
      case 2:
        methods.append(try DescriptorProto.decode(&reader, tag, as: MethodDescriptorProto.self))
      default: try reader.skip(tag)
      }
    }
  }

  public func encodeProtobuf(into writer: inout ProtobufWriter) {
    writer.writeStringField(1, name)
    for method in methods { writer.writeMessageField(2, method) }
  }
}
