import RouteGuideProtocol

/// Reads a database file's array of features one element at a time, without a JSON tree.
///
/// `FeatureDatabase(json:)` used to parse the whole file into a `JSONValue` tree first: 6.4 GB
/// and 27 seconds for ten million features. This streams the elements through
/// `MessageReader<Feature>` instead (the mapping rg's own input uses), each top-level comma
/// turned into the whitespace between values back to back. It only vouches for well-formed
/// files: on anything unexpected it returns nil and the caller parses the file the strict way,
/// which then reports the error with its line and column.
struct FeatureArrayStream {
  private static let separator: [UInt8] = [UInt8(ascii: " ")]

  private let bytes: UnsafeBufferPointer<UInt8>
  private var reader = MessageReader<Feature>()
  private var features: [Feature] = []
  /// Elements seen between the brackets, blank or not; every one must give one feature.
  private var elements = 0

  private init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    // The reader skips a byte-order mark at the start of its input, and its input starts
    // inside the array, where a mark is an error: give it a start that is not one.
    reader.feed(Self.separator)
  }

  /// The features of a well-formed array of Feature objects; nil for anything else.
  static func features(in bytes: [UInt8]) -> [Feature]? {
    bytes.withUnsafeBufferPointer { buffer in
      var stream = FeatureArrayStream(buffer)
      return stream.run()
    }
  }

  private mutating func run() -> [Feature]? {
    guard var index = skipWhitespace(from: 0), bytes[index] == UInt8(ascii: "[") else {
      return nil
    }
    index += 1
    var elementStart = index
    var depth = 0
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""):
        guard let end = endOfString(from: index) else { return nil }
        index = end
      case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        // A `]` at depth 0 closes the array: the last element ends there.
        if depth > 0 {
          depth -= 1
          continue
        }
        guard byte == UInt8(ascii: "]") else { return nil }
        guard take(elementStart..<index - 1, isLast: true) else { return nil }
        return finish(after: index)
      case UInt8(ascii: ",") where depth == 0:
        guard take(elementStart..<index - 1, isLast: false) else { return nil }
        elementStart = index
      default: continue
      }
    }
    return nil
  }

  /// Feeds one element and a space in place of its comma; false when it does not map.
  private mutating func take(_ range: Range<Int>, isLast: Bool) -> Bool {
    let blank = skipWhitespace(from: range.lowerBound).map { $0 >= range.upperBound } ?? true
    // `[]` has one blank "element"; any other blank one is a stray comma.
    if blank && isLast && elements == 0 { return true }
    elements += 1
    reader.feed(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[range])))
    reader.feed(Self.separator)
    do {
      if let feature = try reader.next() { features.append(feature) }
      return true
    } catch {
      return false
    }
  }

  /// After the closing bracket: nothing left in the reader, one feature per element, and
  /// only whitespace up to the end of the file.
  private mutating func finish(after index: Int) -> [Feature]? {
    reader.finish()
    do {
      if try reader.next() != nil { return nil }
    } catch {
      return nil
    }
    guard reader.isFinished, features.count == elements, skipWhitespace(from: index) == nil
    else { return nil }
    return features
  }

  /// The index just after the closing quote of a string that starts before `start`.
  private func endOfString(from start: Int) -> Int? {
    var index = start
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\""): return index + 1
      case UInt8(ascii: "\\"): index += 2
      default: index += 1
      }
    }
    return nil
  }

  /// The index of the first non-whitespace byte at or after `start`, or nil at the end.
  private func skipWhitespace(from start: Int) -> Int? {
    var index = start
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return index
      }
    }
    return nil
  }
}
