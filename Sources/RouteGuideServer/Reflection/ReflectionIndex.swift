import RouteGuideProtocol

/// What rg serve's reflection answers from: each file's bytes with its imports, found by file
/// name or by any name it defines. Built once, when the server starts; a question costs two
/// dictionary lookups.
public final class ReflectionIndex: Sendable {
  /// The file's own bytes first, then those of every file it imports, directly or not.
  private let answers: [String: [[UInt8]]]
  /// Full name (service, method, message, field, enum, enum value) -> file name.
  private let fileOfSymbol: [String: String]

  /// Indexes `files` (serialized FileDescriptorProtos with their names); every import must be
  /// among them.
  public init(files: [(name: String, bytes: [UInt8])]) throws(ReflectionIndexError) {
    var pool = DescriptorPool()
    var bytes: [String: [UInt8]] = [:]
    for (name, data) in files {
      let file: FileDescriptorProto
      do {
        file = try FileDescriptorProto(protobuf: data)
        try pool.add(file)
      } catch {
        throw ReflectionIndexError("\(name): \(error)")
      }
      guard file.name == name else {
        throw ReflectionIndexError("\(name) names itself \(quotedName(file.name))")
      }
      bytes[name] = data
    }
    var answers: [String: [[UInt8]]] = [:]
    for file in pool.files {
      do {
        answers[file.name] = try pool.closure(of: file.name).compactMap { bytes[$0] }
      } catch {
        throw ReflectionIndexError("\(file.name): \(error)")
      }
    }
    self.answers = answers
    var fileOfSymbol: [String: String] = [:]
    pool.forEachSymbol { fileOfSymbol[$0.fullName] = $0.file }
    self.fileOfSymbol = fileOfSymbol
  }

  /// The index of the descriptors built into rg (BuiltinDescriptors); they are compiled in
  /// and checked by tests, so a failure here is a build that must not ship.
  public static func builtin() -> ReflectionIndex {
    do {
      return try ReflectionIndex(files: BuiltinDescriptors.files)
    } catch {
      preconditionFailure("the built-in descriptors do not index: \(error)")
    }
  }

  /// The serialized file named `name` and its imports; nil when there is no such file.
  public func files(named name: String) -> [[UInt8]]? {
    answers[name]
  }

  /// The file that defines `symbol` (no leading dot) and its imports; nil when none does.
  public func files(containing symbol: String) -> [[UInt8]]? {
    fileOfSymbol[symbol].flatMap { answers[$0] }
  }
}

private func quotedName(_ name: String) -> String {
  "'\(name)'"
}
