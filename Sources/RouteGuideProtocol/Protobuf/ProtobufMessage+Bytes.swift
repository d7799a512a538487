extension ProtobufMessage {
  /// Every message decodes the same way: start empty, merge the fields in.
  @inlinable
  public init(protobuf bytes: UnsafeRawBufferPointer) throws(ProtobufDecodingError) {
    self.init()
    var reader = ProtobufReader(bytes)
    try merge(from: &reader)
  }

  /// Decodes binary protobuf held in an array.
  @inlinable
  public init(protobuf bytes: [UInt8]) throws(ProtobufDecodingError) {
    let decoded: Result<Self, ProtobufDecodingError> = bytes.withUnsafeBytes { buffer in
      Result { () throws(ProtobufDecodingError) in try Self(protobuf: buffer) }
    }
    self = try decoded.get()
  }

  /// The binary encoding as a new array.
  @inlinable
  public func protobufBytes() -> [UInt8] {
    var writer = ProtobufWriter()
    encodeProtobuf(into: &writer)
    return writer.bytes
  }
}
