extension JSONWriter {
  public mutating func beginArray() {
    bytes.append(UInt8(ascii: "["))
    needsComma = false
  }

  public mutating func endArray() {
    bytes.append(UInt8(ascii: "]"))
    needsComma = true
  }

  /// Writes the comma before an array element that follows another.
  public mutating func separateElement() {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
    needsComma = false
  }

  /// Writes a field's `"name":` (for messages outside this module, which have no field table).
  public mutating func writeKey(json: String, proto: String, _ options: JSONMappingOptions) {
    writeKey(options.protoNames ? proto : json)
  }
}
