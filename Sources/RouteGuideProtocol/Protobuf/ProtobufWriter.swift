/// Appends protobuf wire-format fields to a byte buffer.
public struct ProtobufWriter {
  public var bytes: [UInt8]

  public init(bytes: [UInt8] = []) {
    self.bytes = bytes
  }
}
