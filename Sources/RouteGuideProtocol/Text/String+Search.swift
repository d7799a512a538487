extension StringProtocol {
  /// Whether `other` occurs in `self` ("" occurs everywhere).
  ///
  /// Not `contains(_:)` on strings: that lives in _StringProcessing, which rg does not link
  /// (its conformance records slow every protocol lookup at start-up).
  public func containsText(_ other: some StringProtocol) -> Bool {
    range(ofText: other) != nil
  }

  /// The first occurrence of `other`, compared byte for byte in UTF-8: a valid needle starts
  /// on a scalar boundary, so the range can slice `self`.
  public func range(ofText other: some StringProtocol) -> Range<Index>? {
    let needle = Array(other.utf8)
    guard let first = needle.first else { return startIndex..<startIndex }
    var position = utf8.startIndex
    while position != utf8.endIndex {
      if utf8[position] == first, utf8[position...].starts(with: needle) {
        return position..<utf8.index(position, offsetBy: needle.count)
      }
      position = utf8.index(after: position)
    }
    return nil
  }
}
