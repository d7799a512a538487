import RouteGuideCompression
import RouteGuideProtocol

extension FuzzChecks {
  /// Input: a control byte (bits 0-2: the size limit; bit 3: gzip or deflate; bit 4: what
  /// follows; bits 5-7: chunking, 7 being byte by byte), then either gRPC frames read under
  /// that grpc-encoding, compressed flags and random bodies included (bit 4 clear), or a
  /// message to compress and read back (bit 4 set).
  static func inflate(_ input: [UInt8]) throws(FuzzFailure) {
    guard let control = input.first else { return }
    let rest = Array(input.dropFirst())
    let limit = maxMessageSizes[Int(control & 7)]
    let format: ZlibCodec.Format = control & 8 == 0 ? .gzip : .zlib
    if control & 16 == 0 {
      try inflateFrames(rest, limit: limit, format: format, control: control)
    } else {
      try inflateRoundTrip(rest, limit: limit, format: format)
    }
  }

  /// Frames fed in chunks through one codec (reset between messages) give what each frame
  /// read alone with a fresh codec gives; what inflates stays within the limit and survives
  /// compressing again.
  static func inflateFrames(_ stream: [UInt8], limit: Int, format: ZlibCodec.Format, control: UInt8)
    throws(FuzzFailure)
  {
    let expected = referenceInflate(stream, limit: limit, format: format)
    let codec = ZlibCodec(format)
    var deframer = MessageDeframer(maxMessageSize: limit)
    deframer.encoding = .compressed(codec)
    var outcome = DeframeOutcome()
    // Bits 5-7 as chunks(of:control:) reads bits 3-7: 0 whole, 7 byte by byte.
    let split = control >> 5
    let chunking = split == 7 ? UInt8(0xF8) : split << 4 | (split & 1) << 3
    for chunk in chunks(of: stream, control: chunking) {
      chunk.withUnsafeBytes { deframer.append($0) }
      drain(&deframer, into: &outcome)
    }
    if outcome.failure == nil { outcome.partial = deframer.hasPartialMessage }
    try expectEqual(outcome, expected, "inflated with limit \(limit), \(codec.name)")
    for message in outcome.messages {
      guard message.count <= limit else { throw FuzzFailure("\(message.count) > \(limit)") }
      try compressAndRead(message, format: format)
    }
  }

  /// Each frame alone: flag 0 as it is, flag 1 inflated by a fresh codec in one call.
  static func referenceInflate(_ stream: [UInt8], limit: Int, format: ZlibCodec.Format)
    -> DeframeOutcome
  {
    var outcome = DeframeOutcome()
    var index = 0
    while stream.count - index >= 5 {
      let flag = stream[index]
      let length = stream[index + 1...index + 4].reduce(0) { $0 << 8 | Int($1) }
      guard flag <= 1 else {
        outcome.failure = .internal
        return outcome
      }
      guard length <= limit else {
        outcome.failure = .resourceExhausted
        return outcome
      }
      guard stream.count - index - 5 >= length else { break }
      let payload = Array(stream[index + 5..<index + 5 + length])
      index += 5 + length
      guard flag == 1 else {
        outcome.messages.append(payload)
        continue
      }
      var output: [UInt8] = []
      let codec = ZlibCodec(format)
      if let error = withBytes(
        payload,
        { bytes throws(MessageCodecError) in
          try codec.decompress(bytes, into: &output, limit: limit)
        })
      {
        outcome.failure = error == .tooLarge ? .resourceExhausted : .internal
        return outcome
      }
      outcome.messages.append(output)
    }
    outcome.partial = index < stream.count
    return outcome
  }

  /// `message` compressed (always, and only when smaller) reads back as itself, within the
  /// limit, and as RESOURCE_EXHAUSTED past it.
  static func inflateRoundTrip(_ message: [UInt8], limit: Int, format: ZlibCodec.Format)
    throws(FuzzFailure)
  {
    let codec = ZlibCodec(format)
    var body: [UInt8] = []
    if let error = withBytes(
      message,
      { bytes throws(MessageCodecError) in
        try codec.compress(bytes, into: &body, limit: Int.max >> 1)
      })
    {
      throw FuzzFailure("\(codec.name) could not compress \(message.count) bytes: \(error)")
    }
    var frame: [UInt8] = [1]
    withUnsafeBytes(of: UInt32(body.count).bigEndian) { frame.append(contentsOf: $0) }
    frame += body
    var deframer = MessageDeframer(maxMessageSize: limit)
    deframer.encoding = .compressed(codec)
    var outcome = DeframeOutcome()
    deframer.append(frame)
    drain(&deframer, into: &outcome)
    if body.count > limit || message.count > limit {
      try expectEqual(outcome.failure, .resourceExhausted, "\(message.count) bytes over \(limit)")
    } else {
      try expectEqual(outcome.messages, [message], "\(codec.name) round trip")
    }
    try compressAndRead(message, format: format)
  }

  /// Runs `body` on the bytes of `array`; what it threw, if anything (withUnsafeBytes does
  /// not pass typed errors through).
  static func withBytes(
    _ array: [UInt8], _ body: (UnsafeRawBufferPointer) throws(MessageCodecError) -> Void
  ) -> MessageCodecError? {
    array.withUnsafeBytes { bytes in
      do throws(MessageCodecError) {
        try body(bytes)
        return nil
      } catch {
        return error
      }
    }
  }

  /// Framing with compression gives a frame that reads back as `message`, and is never larger
  /// than the uncompressed frame.
  static func compressAndRead(_ message: [UInt8], format: ZlibCodec.Format) throws(FuzzFailure) {
    let codec = ZlibCodec(format)
    var frame: [UInt8] = []
    message.withUnsafeBytes {
      GRPCFraming.appendFrame(payload: $0, compressingWith: codec, to: &frame)
    }
    guard frame.count <= message.count + 5 else {
      throw FuzzFailure("compressed frame of \(frame.count) bytes for \(message.count)")
    }
    var deframer = MessageDeframer(maxMessageSize: message.count)
    deframer.encoding = .compressed(codec)
    deframer.append(frame)
    let read: [UInt8]??
    do throws(GRPCStatus) {
      read = try deframer.next()
    } catch {
      throw FuzzFailure("own compressed frame rejected: \(error)")
    }
    try expectEqual(read, .some(message), "\(codec.name) frame read back")
  }
}
