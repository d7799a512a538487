import RouteGuideProtocol

/// An exact-point lookup table: open addressing over one packed 64-bit key per point, each key
/// next to its value.
///
/// Replaces a `[Point: Int]` dictionary on the server's hottest path (every GetFeature and every
/// RecordRoute point): SipHash over two fields, and entries apart from the features they lead
/// to, made that lookup half of the server's time in the `rg record` benchmark with a million
/// features. Here a point costs one multiply and, mostly, one cache miss; a point that is not
/// there (most of a route) is usually turned away by a bit array small enough to stay in cache.
struct PointIndex: Sendable {
  /// A key and its value; `value` is `empty` in an unused slot.
  private struct Slot {
    var key: UInt64 = 0
    var value: Int32 = PointIndex.empty
  }

  private var slots: [Slot]
  private let shift: UInt64
  /// One bit per key hash, four bits per slot (1 MiB for a million features, an L2 cache): a
  /// clear bit means the point is absent, so misses skip the table (about one absent point in
  /// eight gets past it).
  private var filter: [UInt64]
  private let filterShift: UInt64
  private static let empty: Int32 = -1

  /// An index with room for `count` points at most half full.
  init(capacity count: Int) {
    var size = 16
    while size < count * 2 { size *= 2 }
    slots = [Slot](repeating: Slot(), count: size)
    shift = UInt64(64 - size.trailingZeroBitCount)
    filter = [UInt64](repeating: 0, count: size / 16)
    filterShift = shift - 2
  }

  /// Stores `value` (not negative) for `point` unless the point is already there: the first
  /// one wins.
  mutating func insertIfAbsent(_ point: Point, _ value: Int32) {
    let key = Self.key(point)
    var slot = self.slot(for: key)
    while slots[slot].value != Self.empty {
      if slots[slot].key == key { return }
      slot = (slot + 1) & (slots.count - 1)
    }
    slots[slot] = Slot(key: key, value: value)
    let bit = filterBit(for: key)
    filter[bit >> 6] |= 1 << UInt64(bit & 63)
  }

  /// The value stored for `point`, if any.
  func value(for point: Point) -> Int32? {
    let key = Self.key(point)
    let bit = filterBit(for: key)
    guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return nil }
    var slot = self.slot(for: key)
    while slots[slot].value != Self.empty {
      if slots[slot].key == key { return slots[slot].value }
      slot = (slot + 1) & (slots.count - 1)
    }
    return nil
  }

  private static func key(_ point: Point) -> UInt64 {
    UInt64(UInt32(bitPattern: point.latitude)) << 32 | UInt64(UInt32(bitPattern: point.longitude))
  }

  /// Fibonacci hashing: the multiply spreads neighbouring points over the whole table.
  private func slot(for key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
  }

  /// A second, independent multiplicative hash for the filter.
  private func filterBit(for key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0xC2B2_AE3D_27D4_EB4F) >> filterShift)
  }
}
