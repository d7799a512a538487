import CNGHTTP2

/// Header lists as nghttp2_nv arrays; nghttp2 copies them on submit, so they live only for a call.
enum HTTP2HeaderBlock {
  /// A header list's size as SETTINGS_MAX_HEADER_LIST_SIZE counts it (RFC 9113 §6.5.2).
  static func listSize(_ fields: [(name: String, value: String)]) -> Int {
    fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 32 }
  }

  /// Calls `body` with `headers` as name/value pairs pointing into one contiguous buffer.
  static func withNameValues<R>(
    _ headers: [(name: String, value: String)], _ body: (UnsafeBufferPointer<nghttp2_nv>) -> R
  ) -> R {
    // Temporary (stack, unless large) buffers: this runs for every call's HEADERS and
    // trailers, and three arrays made and grown per block cost 6,600 instructions a call.
    let byteCount = headers.reduce(1) { $0 + $1.name.utf8.count + $1.value.utf8.count }
    return withUnsafeTemporaryAllocation(byteCount: byteCount, alignment: 1) { storage in
      withUnsafeTemporaryAllocation(of: nghttp2_nv.self, capacity: headers.count) { nvs in
        guard let base = storage.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
          return body(UnsafeBufferPointer(start: nil, count: 0))
        }
        var offset = 0
        for (index, header) in headers.enumerated() {
          let name = base + offset
          offset += copy(header.name, to: name)
          let value = base + offset
          offset += copy(header.value, to: value)
          nvs.initializeElement(
            at: index,
            to: nghttp2_nv(
              name: name, value: value, namelen: value - name, valuelen: base + offset - value,
              flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue)))
        }
        return body(UnsafeBufferPointer(nvs))
      }
    }
  }

  /// Copies the UTF-8 of `text` to `destination`; returns the byte count.
  private static func copy(_ text: String, to destination: UnsafeMutablePointer<UInt8>) -> Int {
    let copied = text.utf8.withContiguousStorageIfAvailable { bytes in
      guard let source = bytes.baseAddress else { return 0 }
      destination.initialize(from: source, count: bytes.count)
      return bytes.count
    }
    if let copied { return copied }
    var count = 0
    for byte in text.utf8 {
      (destination + count).initialize(to: byte)
      count += 1
    }
    return count
  }
}
