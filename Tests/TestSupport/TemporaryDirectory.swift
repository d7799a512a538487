import Foundation

/// A fresh directory under /tmp, removed with everything in it when released.
public final class TemporaryDirectory {
  public let path: String

  public init() throws {
    var template = Array("/tmp/rg-test-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else {
      throw SubprocessError("mkdtemp failed")
    }
    path = String(cString: made)
  }

  /// Writes `contents` to a file in this directory and returns its path.
  @discardableResult
  public func write(_ name: String, _ contents: String) throws -> String {
    let file = path + "/" + name
    try contents.write(toFile: file, atomically: true, encoding: .utf8)
    return file
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}
