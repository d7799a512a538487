/// Files that do not fit together: what a reflection answer must not hold.
public enum DescriptorPoolError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Two files (or one file twice) define the same full name.
  case duplicateSymbol(String, file: String, otherFile: String)
  /// A file imports one the pool does not have.
  case missingImport(String, importedBy: String)
  /// Files import each other in a circle, listed from the first back to itself.
  case importCycle([String])

  public var description: String {
    switch self {
    case .duplicateSymbol(let name, let file, let otherFile):
      file == otherFile
        ? "\(file) defines \(name) twice"
        : "\(name) is defined in both \(otherFile) and \(file)"
    case .missingImport(let name, let importedBy):
      "\(importedBy) imports \(name), which is missing"
    case .importCycle(let files):
      "files import each other in a cycle: " + files.joined(separator: " -> ")
    }
  }
}
