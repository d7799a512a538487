// Compressed messages (flag 1): refused at the prefix when the peer's grpc-encoding does not
// allow them, inflated when taken, under the receive limit, as inflation goes.

extension MessageDeframer {
  /// Why a compressed message cannot be read under the current encoding; nil if it can.
  var compressionRefusal: GRPCStatus? {
    switch encoding {
    case .compressed: nil
    case .identity:
      GRPCStatus(.internal, "received a compressed message, but no grpc-encoding was negotiated")
    case .unsupported(let name, let supported):
      GRPCStatus(
        .internal,
        "received a message compressed with grpc-encoding \"\(name.prefix(40))\", which rg "
          + "cannot decompress (it accepts \(supported.isEmpty ? "identity only" : supported))")
    }
  }

  /// The payload at `range` of the buffer, decompressed; a failure fails the stream (the
  /// messages after it are dropped, as after any failure).
  @usableFromInline
  mutating func inflate(_ range: Range<Int>) throws(GRPCStatus) -> [UInt8] {
    guard case .compressed(let codec) = encoding else {
      // checkPrefix refuses every compressed prefix without a codec.
      throw fail(GRPCStatus(.internal, "received a compressed message without a codec"))
    }
    var output: [UInt8] = []
    let limit = maxMessageSize
    let error: MessageCodecError? = buffer.withUnsafeBytes { bytes in
      do throws(MessageCodecError) {
        try codec.decompress(
          UnsafeRawBufferPointer(rebasing: bytes[range]), into: &output, limit: limit)
        return nil
      } catch {
        return error
      }
    }
    guard let error else {
      counts.compressionSavings &+= output.count - range.count
      return output
    }
    throw fail(Self.status(for: error, codec: codec.name, limit: limit))
  }

  /// Records `status` as the stream's failure and drops what is buffered.
  private mutating func fail(_ status: GRPCStatus) -> GRPCStatus {
    failure = status
    buffer.removeAll()
    readIndex = 0
    completeEnd = 0
    prefixChecked = false
    missingPayload = 0
    return status
  }

  static func status(for error: MessageCodecError, codec: String, limit: Int) -> GRPCStatus {
    switch error {
    case .tooLarge:
      GRPCStatus(
        .resourceExhausted,
        "received message larger than max once decompressed (\(codec): more than \(limit) "
          + "bytes)")
    case .invalidData(let reason):
      GRPCStatus(.internal, "could not decompress a \(codec) message: \(reason)")
    case .failed(let reason):
      GRPCStatus(.internal, "\(codec) decompression failed: \(reason)")
    }
  }
}
