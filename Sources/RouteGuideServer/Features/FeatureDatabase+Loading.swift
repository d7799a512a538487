import Glibc
import RouteGuideProtocol

extension FeatureDatabase {
  /// Reads a database file in the tutorial's layout: one JSON array of Feature objects in
  /// proto3 JSON (`{"name": ..., "location": {"latitude": ..., "longitude": ...}}`).
  public static func load(path: String) throws(FeatureDatabaseError) -> FeatureDatabase {
    let bytes = try readFile(path)
    do {
      return try FeatureDatabase(json: bytes)
    } catch {
      throw FeatureDatabaseError(
        path: path, line: error.line, column: error.column, message: error.message)
    }
  }

  /// Parses a database from JSON text. Unknown fields are errors: in a file someone edits by
  /// hand, a misspelt key should not silently become an unnamed feature at (0, 0).
  public init(json bytes: [UInt8]) throws(JSONInputError) {
    // Well-formed files stream; anything else gets the strict parse below, and its errors.
    if let features = FeatureArrayStream.features(in: bytes) {
      self.init(features)
      return
    }
    var reader = JSONReader()
    reader.feed(bytes)
    reader.finish()
    guard let value = try reader.nextValue() else {
      throw JSONInputError(
        line: 1, column: 1, message: "expected an array of features, found nothing")
    }
    if let extra = try reader.nextValue() {
      throw extra.error("unexpected \(extra.kindDescription) after the array of features")
    }
    guard case .array(let elements) = value.kind else {
      throw value.error("expected an array of features, found \(value.kindDescription)")
    }
    let options = JSONMappingOptions()
    var features: [Feature] = []
    features.reserveCapacity(elements.count)
    for element in elements {
      features.append(try Feature(json: element, options: options))
    }
    self.init(features)
  }

  /// The whole file, read with plain system calls (no Foundation in the server).
  static func readFile(_ path: String) throws(FeatureDatabaseError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw systemError(path) }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count > 0 {
        bytes.append(contentsOf: chunk[..<count])
      } else if count == 0 {
        return bytes
      } else if errno != EINTR {
        throw systemError(path)
      }
    }
  }

  private static func systemError(_ path: String) -> FeatureDatabaseError {
    FeatureDatabaseError(path: path, message: String(cString: strerror(errno)))
  }
}
