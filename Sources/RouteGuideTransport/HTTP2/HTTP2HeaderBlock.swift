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
    // Sized up front: this runs for every call's HEADERS and trailers, and growing the two
    // arrays field by field cost several reallocations each time.
    var storage: [UInt8] = []
    storage.reserveCapacity(headers.reduce(1) { $0 + $1.name.utf8.count + $1.value.utf8.count })
    var spans: [(name: Int, nameLength: Int, value: Int, valueLength: Int)] = []
    spans.reserveCapacity(headers.count)
    for header in headers {
      let name = storage.count
      storage.append(contentsOf: header.name.utf8)
      let value = storage.count
      storage.append(contentsOf: header.value.utf8)
      spans.append((name, value - name, value, storage.count - value))
    }
    // Never empty, so the base address below always exists.
    storage.append(0)
    return storage.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else {
        return body(UnsafeBufferPointer(start: nil, count: 0))
      }
      let nvs = spans.map { span in
        nghttp2_nv(
          name: base + span.name, value: base + span.value, namelen: span.nameLength,
          valuelen: span.valueLength, flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue))
      }
      return nvs.withUnsafeBufferPointer(body)
    }
  }
}
