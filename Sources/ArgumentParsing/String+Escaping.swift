extension String {
  /// `self` with every `character` replaced by `replacement`, for quoting in generated scripts.
  ///
  /// Not the standard library's `replacing(_:with:)`: that lives in _StringProcessing, which
  /// rg does not link (its conformance records slow every protocol lookup at start-up).
  func replacingEvery(_ character: Character, with replacement: String) -> String {
    var result = ""
    result.reserveCapacity(utf8.count)
    for element in self {
      if element == character {
        result += replacement
      } else {
        result.append(element)
      }
    }
    return result
  }
}
