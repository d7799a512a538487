import CZlib
import RouteGuideProtocol

/// One zlib stream, compressing or decompressing, made once and reset for every message (a
/// deflate stream holds about 256 KiB of tables, too much to make per message).
final class ZlibStream {
  enum Direction {
    case deflate
    case inflate
  }

  private let stream: UnsafeMutablePointer<z_stream>
  private let direction: Direction
  private var isFresh = true

  /// `windowBits` as zlib takes it: 15 for the zlib format, 15 + 16 for gzip. `memoryLevel`
  /// (deflate only) sizes the hash table, 2^(level + 7) entries, which every reset clears.
  init(_ direction: Direction, windowBits: Int32, memoryLevel: Int32 = 8) throws(MessageCodecError)
  {
    self.direction = direction
    stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    let status =
      switch direction {
      // The level grpc-core compresses at: zlib's default.
      case .deflate: rg_deflateInit2(stream, Z_DEFAULT_COMPRESSION, windowBits, memoryLevel)
      case .inflate: rg_inflateInit2(stream, windowBits)
      }
    guard status == Z_OK else {
      stream.deinitialize(count: 1)
      stream.deallocate()
      throw .failed(Self.describe(status, nil))
    }
  }

  deinit {
    switch direction {
    case .deflate: deflateEnd(stream)
    case .inflate: inflateEnd(stream)
    }
    stream.deinitialize(count: 1)
    stream.deallocate()
  }

  /// Runs all of `input` through the stream to its end, appending what comes out to `output`
  /// through `chunk`; fails with `.tooLarge` once more than `limit` bytes came out, having
  /// produced at most `limit + 1`.
  func run(
    _ input: UnsafeRawBufferPointer, into output: inout [UInt8], limit: Int,
    chunk: UnsafeMutableRawBufferPointer
  ) throws(MessageCodecError) {
    try reset()
    // zlib does not write through next_in; its type is not const only for old compilers.
    stream.pointee.next_in = UnsafeMutablePointer(
      mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
    stream.pointee.avail_in = uInt(input.count)
    var produced = 0
    while true {
      let room = min(chunk.count, limit - produced + 1)
      stream.pointee.next_out = chunk.baseAddress?.assumingMemoryBound(to: Bytef.self)
      stream.pointee.avail_out = uInt(room)
      let status = step()
      let count = room - Int(stream.pointee.avail_out)
      produced += count
      guard produced <= limit else { throw .tooLarge }
      output.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
      switch status {
      case Z_STREAM_END:
        guard stream.pointee.avail_in == 0 else {
          throw .invalidData("data after the end of the compressed stream")
        }
        return
      case Z_OK:
        continue
      case Z_BUF_ERROR where stream.pointee.avail_in == 0:
        throw .invalidData("the compressed stream ends early")
      case Z_DATA_ERROR, Z_NEED_DICT:
        throw .invalidData(Self.describe(status, stream.pointee.msg))
      default:
        throw .failed(Self.describe(status, stream.pointee.msg))
      }
    }
  }

  private func step() -> Int32 {
    switch direction {
    case .deflate: deflate(stream, Z_FINISH)
    case .inflate: inflate(stream, Z_NO_FLUSH)
    }
  }

  private func reset() throws(MessageCodecError) {
    guard !isFresh else {
      isFresh = false
      return
    }
    let status =
      switch direction {
      case .deflate: deflateReset(stream)
      case .inflate: inflateReset(stream)
      }
    guard status == Z_OK else { throw .failed(Self.describe(status, stream.pointee.msg)) }
  }

  /// zlib's message when it gave one, else its status code's name.
  static func describe(_ status: Int32, _ message: UnsafePointer<CChar>?) -> String {
    if let message { return String(cString: message) }
    return switch status {
    case Z_NEED_DICT: "a preset dictionary is needed"
    case Z_DATA_ERROR: "invalid compressed data"
    case Z_MEM_ERROR: "out of memory"
    case Z_BUF_ERROR: "no progress possible"
    case Z_VERSION_ERROR: "incompatible zlib version"
    default: "zlib error \(status)"
    }
  }
}
